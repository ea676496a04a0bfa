import { db } from '../db';
import { AppError } from '../errors';
import { requirePush, spendSubscriptionChange } from './require-push';

/** Forgets one of the caller's subscriptions; someone else's reads as unknown. */
export async function removeSubscription({
  userId,
  endpoint,
}: {
  userId: string;
  endpoint: string;
}): Promise<void> {
  await spendSubscriptionChange(requirePush(), userId);
  const { count } = await db().pushSubscription.deleteMany({ where: { endpoint, userId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'You have no push subscription with this endpoint.');
}
