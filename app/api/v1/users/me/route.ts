import { clientAddress } from '@/lib/auth/attempts';
import { handle, json, readJson } from '@/lib/http/respond';
import { requireUser } from '@/lib/http/auth';
import { requestAccountDeletion } from '@/lib/users/account-deletion';
import { getAccount } from '@/lib/users/get-account';
import { updateProfile } from '@/lib/users/update-profile';
import { deleteAccountSchema, updateAccountSchema } from '@/lib/validations/users';

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

// DELETE /api/v1/users/me – delete your account: deactivated now, erased after the grace period
export const DELETE = handle(async (req) => {
  const me = await requireUser(req);
  const { password } = await readJson(req, deleteAccountSchema);
  const deletion = await requestAccountDeletion({
    userId: me.id,
    password,
    address: clientAddress(req.headers),
  });
  return json(202, { deletion });
});
