import { db } from '../db';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import type { UpdateAccountInput } from '../validations/users';
import { toAccountUser } from './dto';
import { getAccount, type OwnAccount } from './get-account';
import { setAvatar } from './set-avatar';

/**
 * Changes the caller's own profile: name, bio, pronouns and photo, each only
 * when given. Others see the change wherever the person is shown, from their
 * next read. All of it is plain text, checked by updateAccountSchema.
 */
export async function updateProfile({
  userId,
  changes,
}: {
  userId: string;
  changes: UpdateAccountInput;
}): Promise<OwnAccount> {
  const { avatarUploadId, ...fields } = changes;
  // The photo has its own transaction (it retires the one it replaces) and pays for itself.
  if (avatarUploadId !== undefined) await setAvatar({ userId, avatarUploadId });
  else await spend(userId, 'write', COST.edit);
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(data).length === 0) return getAccount(userId);
  const { count } = await db().user.updateMany({ where: { id: userId }, data });
  if (count === 0) throw new AppError('NOT_FOUND', 'This account no longer exists.');
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  return { ...toAccountUser(user), platformRole: user.platformRole };
}
