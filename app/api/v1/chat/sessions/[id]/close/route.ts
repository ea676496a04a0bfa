import { closeChat } from '@/lib/chat/close-chat';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

// POST /api/v1/chat/sessions/[id]/close – close (unmatch) a direct chat for both people
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { chat: await closeChat({ userId: user.id, chatId: id }) });
});
