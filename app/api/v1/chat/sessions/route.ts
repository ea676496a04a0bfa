import { createChat } from '@/lib/chat/create-chat';
import { listChats } from '@/lib/chat/list-chats';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf, readJson } from '@/lib/http/respond';
import { createChatSchema, pageQuerySchema } from '@/lib/validations/chat';

// GET /api/v1/chat/sessions – the caller's chats, most recent activity first
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  const { cursor, limit } = parseInput(pageQuerySchema, queryOf(req));
  return json(200, await listChats({ userId: user.id, cursor, limit }));
});

// POST /api/v1/chat/sessions – create a group (201) or open the direct chat with someone (201 new, 200 existing)
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, createChatSchema);
  const { chat, created, invitedUserIds } = await createChat({ userId: user.id, input });
  return json(created ? 201 : 200, { chat, invitedUserIds });
});
