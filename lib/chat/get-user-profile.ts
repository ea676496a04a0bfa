import { db } from '../db';
import { toPublicUser, type PublicUser } from '../users/dto';
import { noSuchUser } from './access';
import { isId } from './ids';

/** What anyone signed in may see of a user: id, name and avatar. */
export async function getUserProfile({ userId }: { userId: string }): Promise<PublicUser> {
  if (!isId(userId)) throw noSuchUser();
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, avatarUrl: true },
  });
  if (!user) throw noSuchUser();
  return toPublicUser(user);
}
