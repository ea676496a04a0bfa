import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { sharedChats } from '@/lib/users/shared-chats';

// GET /api/v1/users/[id]/shared-chats – the chats you and this person are both in now
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const me = await requireUser(req);
  const { id } = await params;
  return json(200, { chats: await sharedChats({ viewerId: me.id, userId: id }) });
});
