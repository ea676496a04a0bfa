import { db } from '../db';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import { avatarUrlOf, requireAvatarUpload, retireAvatar } from './avatar-upload';
import { toAccountUser } from './dto';
import type { OwnAccount } from './get-account';

export interface SetAvatarOptions {
  userId: string;
  /** A profile photo upload of the caller's; null removes the photo. */
  avatarUploadId: string | null;
}

/**
 * Sets or removes the caller's profile photo. Others see it as their
 * avatarUrl wherever people are listed, from their next read.
 */
export async function setAvatar({ userId, avatarUploadId }: SetAvatarOptions): Promise<OwnAccount> {
  await spend(userId, 'write', COST.edit);
  return db().$transaction(async (tx) => {
    // Locked, so two changes at once cannot both retire the same photo and leave the other's.
    const [before] = await tx.$queryRaw<Array<{ avatarUrl: string | null }>>`
      SELECT "avatarUrl" FROM "User" WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
    if (!before) throw new AppError('NOT_FOUND', 'This account no longer exists.');
    const owner = { userId, chatId: null };
    if (avatarUploadId !== null) await requireAvatarUpload(tx, avatarUploadId, owner);
    const avatarUrl = avatarUploadId === null ? null : avatarUrlOf(avatarUploadId);
    if (avatarUrl !== before.avatarUrl) await retireAvatar(tx, before.avatarUrl, owner);
    const user = await tx.user.update({ where: { id: userId }, data: { avatarUrl } });
    return { ...toAccountUser(user), platformRole: user.platformRole };
  });
}
