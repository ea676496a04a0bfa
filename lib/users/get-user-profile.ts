import { db } from '../db';
import { toPublicUser, type PublicUser } from './dto';
import { noSuchUser } from '../chat/rules/access';
import { isId } from '../chat/store/ids';

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
