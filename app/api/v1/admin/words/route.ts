import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { addFilterWord, listFilterWords } from '@/lib/moderation/filter-words';
import { addFilterWordSchema } from '@/lib/validations/word-lists';

// GET /api/v1/admin/words – the platform word list (moderators and admins; 404 for others)
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { items: await listFilterWords({ userId: user.id }) });
});

// POST /api/v1/admin/words – add a word that blocks or flags messages (409 when it is there)
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, addFilterWordSchema);
  return json(201, { item: await addFilterWord({ userId: user.id, input }) });
});
