import { requireStaff } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { findAccounts } from '@/lib/moderation/roles';
import { userSearchQuerySchema } from '@/lib/validations/chat';

// GET /api/v1/admin/users – accounts by name fragment or whole email, with email and role (admins)
export const GET = handle(async (req) => {
  const actor = await requireStaff(req, 'ADMIN');
  const { q, limit } = parseInput(userSearchQuerySchema, queryOf(req));
  return json(200, { users: await findAccounts({ actor, q, limit }) });
});
