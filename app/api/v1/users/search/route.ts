import { searchUsers } from '@/lib/users/search-users';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { userSearchQuerySchema } from '@/lib/validations/chat';

// GET /api/v1/users/search – people by a fragment of their name (never by email) (public fields only)
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  const { q, limit } = parseInput(userSearchQuerySchema, queryOf(req));
  return json(200, { users: await searchUsers({ userId: user.id, q, limit }) });
});
