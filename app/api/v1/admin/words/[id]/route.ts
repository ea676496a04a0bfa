import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { removeFilterWord } from '@/lib/moderation/filter-words';

// DELETE /api/v1/admin/words/[id] – take a word off the platform list
export const DELETE = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  await removeFilterWord({ userId: user.id, wordId: id });
  return new Response(null, { status: 204 });
});
