import { listMessages } from '@/lib/chat/list-messages';
import { sendMessage } from '@/lib/chat/send-message';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf, readJson } from '@/lib/http/respond';
import { historyQuerySchema, sendMessageSchema } from '@/lib/validations/chat';

// GET /api/v1/chat/sessions/[id]/messages – a page of history by seq (?before= newest first, ?after= oldest first)
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const query = parseInput(historyQuerySchema, queryOf(req));
  return json(200, await listMessages({ userId: user.id, chatId: id, ...query }));
});

// POST /api/v1/chat/sessions/[id]/messages – send a message (201; 200 for a retry with the same clientMessageId)
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const input = await readJson(req, sendMessageSchema);
  const { message, created } = await sendMessage({ userId: user.id, chatId: id, input });
  return json(created ? 201 : 200, { message });
});
