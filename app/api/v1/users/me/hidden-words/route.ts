import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { listHiddenWords, setHiddenWords } from '@/lib/users/hidden-words';
import { hiddenWordsSchema } from '@/lib/validations/word-lists';

// GET /api/v1/users/me/hidden-words – your hidden words
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { words: await listHiddenWords({ userId: user.id }) });
});

// PUT /api/v1/users/me/hidden-words – replace your hidden words
export const PUT = handle(async (req) => {
  const user = await requireUser(req);
  const { words } = await readJson(req, hiddenWordsSchema);
  return json(200, { words: await setHiddenWords({ userId: user.id, words }) });
});
