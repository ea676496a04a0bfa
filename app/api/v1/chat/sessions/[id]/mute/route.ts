import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { muteChat, unmuteChat } from '@/lib/push/mute-chat';
import { muteChatSchema } from '@/lib/validations/push';

// PUT /api/v1/chat/sessions/[id]/mute – mute the chat's notifications (and maybe its mentions) until a time, or always
export const PUT = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { until, muteMentions } = await readJson(req, muteChatSchema);
  return json(200, { mute: await muteChat({ userId: user.id, chatId: id, until, muteMentions }) });
});

// DELETE /api/v1/chat/sessions/[id]/mute – notify again
export const DELETE = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  await unmuteChat({ userId: user.id, chatId: id });
  return new Response(null, { status: 204 });
});
