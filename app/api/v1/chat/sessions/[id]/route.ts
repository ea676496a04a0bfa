import { getChat } from '@/lib/chat/get-chat';
import { leaveChat } from '@/lib/chat/leave-chat';
import { updateChatInviting } from '@/lib/chat/update-chat';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf, readJson } from '@/lib/http/respond';
import { deleteChatQuerySchema, updateChatSchema } from '@/lib/validations/chat';

// GET /api/v1/chat/sessions/[id] – one chat the caller is in, with its participants
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { chat: await getChat({ userId: user.id, chatId: id }) });
});

// PUT /api/v1/chat/sessions/[id] – rename a group, change its details (photo included), members or roles
export const PUT = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const input = await readJson(req, updateChatSchema);
  const { chat, invitedUserIds } = await updateChatInviting({ userId: user.id, chatId: id, input });
  return json(200, { chat, invitedUserIds });
});

// PATCH /api/v1/chat/sessions/[id] – the same partial change as PUT
export const PATCH = PUT;

// DELETE /api/v1/chat/sessions/[id] – leave a group (?forEveryone=true: delete it) or hide a direct chat
export const DELETE = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { forEveryone } = parseInput(deleteChatQuerySchema, queryOf(req));
  await leaveChat({ userId: user.id, chatId: id, forEveryone });
  return new Response(null, { status: 204 });
});
