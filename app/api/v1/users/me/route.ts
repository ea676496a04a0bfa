import { handle, json, readJson } from '@/lib/http/respond';
import { requireUser } from '@/lib/http/auth';
import { getAccount } from '@/lib/users/get-account';
import { updateProfile } from '@/lib/users/update-profile';
import { updateAccountSchema } from '@/lib/validations/users';

// GET /api/v1/users/me – the signed-in account
export const GET = handle(async (req) => {
  const me = await requireUser(req);
  return json(200, { user: await getAccount(me.id) });
});

// PATCH /api/v1/users/me – change your profile: name, bio, pronouns, photo
export const PATCH = handle(async (req) => {
  const me = await requireUser(req);
  const changes = await readJson(req, updateAccountSchema);
  return json(200, { user: await updateProfile({ userId: me.id, changes }) });
});
