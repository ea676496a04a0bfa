import { db } from '../db';
import { AppError } from '../errors';
import { toAccountUser, type AccountUser } from './dto';
import type { PlatformRole } from './platform-role';

/** The caller's own account, with the platform role the web app needs to show the moderation console. */
export interface OwnAccount extends AccountUser {
  platformRole: PlatformRole;
}

export async function getAccount(userId: string): Promise<OwnAccount> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'This account no longer exists.');
  return { ...toAccountUser(user), platformRole: user.platformRole };
}
