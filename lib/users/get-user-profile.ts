import { db } from '../db';
import { toUserProfile, type UserProfile } from './dto';
import { noSuchUser } from '../chat/rules/access';
import { isId } from '../chat/store/ids';

/**
 * What anyone signed in may see of a user: name, photo, bio and pronouns.
 * Someone who blocks the caller reads as no one at all (404), as in people
 * search; a person the caller blocks stays visible, so they can be unblocked.
 */
export async function getUserProfile({
  viewerId,
  userId,
}: {
  viewerId: string;
  userId: string;
}): Promise<UserProfile> {
  if (!isId(userId)) throw noSuchUser();
  const user = await db().user.findFirst({
    where: { id: userId, blocks: { none: { blockedId: viewerId } } },
    select: { id: true, name: true, avatarUrl: true, bio: true, pronouns: true },
  });
  if (!user) throw noSuchUser();
  return toUserProfile(user);
}
