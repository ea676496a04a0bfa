import { handle, json } from '@/lib/http/respond';
import { requireUser } from '@/lib/http/auth';
import { getAccount } from '@/lib/users/get-account';

// GET /api/v1/users/me – the signed-in account
export const GET = handle(async (req) => {
  const me = await requireUser(req);
  return json(200, { user: await getAccount(me.id) });
});
