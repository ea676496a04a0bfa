import { searchMessages } from '@/lib/chat/search-messages';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { searchQuerySchema } from '@/lib/validations/chat';

// GET /api/v1/chat/sessions/[id]/search – search one chat's messages, best match first
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const query = parseInput(searchQuerySchema, queryOf(req));
  return json(200, await searchMessages({ userId: user.id, chatId: id, ...query }));
});
