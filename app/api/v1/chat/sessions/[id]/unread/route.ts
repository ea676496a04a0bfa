import { unreadCount } from '@/lib/chat/unread-count';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

// GET /api/v1/chat/sessions/[id]/unread – how many messages the caller has not read, and how many mention them
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, await unreadCount({ userId: user.id, chatId: id }));
});
