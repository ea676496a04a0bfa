import { db } from '../db';
import { AppError } from '../errors';
import { toAccountUser, type AccountUser } from './dto';

export async function getAccount(userId: string): Promise<AccountUser> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'This account no longer exists.');
  return toAccountUser(user);
}
