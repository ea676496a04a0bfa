// Keeps one browser's push subscription: one row per endpoint, so
// subscribing again updates it (browsers re-subscribe on key rotation and
// when the app starts). An endpoint is its browser's: another account
// cannot take it over, and a person keeps their newest
// PUSH_SUBSCRIPTIONS_PER_USER browsers.
import { createPublicKey } from 'node:crypto';
import { db } from '../db';
import { env } from '../env';
import { AppError, isUniqueViolation } from '../errors';
import type { PushSubscriptionInput } from '../validations/push';
import type { PushSubscriptionDto } from './dto';
import { requirePush, spendSubscriptionChange } from './require-push';
import { endpointProblem } from './rules/endpoint';

const USER_AGENT_MAX = 300;

export async function saveSubscription({
  userId,
  subscription,
  userAgent,
}: {
  userId: string;
  subscription: PushSubscriptionInput;
  userAgent: string | null;
}): Promise<PushSubscriptionDto> {
  const runtime = requirePush();
  await spendSubscriptionChange(runtime, userId);
  const { endpoint, keys } = subscription;
  const problem = endpointProblem(endpoint, env().PUSH_ALLOWED_HOSTS);
  if (problem) throw new AppError('VALIDATION', `endpoint: ${problem}.`);
  if (!onCurve(keys.p256dh))
    throw new AppError('VALIDATION', 'keys.p256dh: Must be a point on the P-256 curve.');

  const data = {
    p256dh: keys.p256dh,
    auth: keys.auth,
    userAgent: userAgent?.slice(0, USER_AGENT_MAX).replace(/\u0000/g, '') || null,
    failures: 0,
  };
  const updated = await db().pushSubscription.updateManyAndReturn({
    where: { endpoint, userId },
    data,
    select: { id: true, createdAt: true, updatedAt: true },
  });
  let row = updated[0];
  if (!row) {
    try {
      row = await db().pushSubscription.create({
        data: { ...data, userId, endpoint },
        select: { id: true, createdAt: true, updatedAt: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(
        'CONFLICT',
        'This push subscription belongs to another account. Unsubscribe it in this browser and subscribe again.',
      );
    }
  }
  await forgetOldest(userId);
  return { id: row.id, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** Past the per-user limit, the browsers that subscribed longest ago go first. */
async function forgetOldest(userId: string): Promise<void> {
  const extra = await db().pushSubscription.findMany({
    where: { userId },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    skip: env().PUSH_SUBSCRIPTIONS_PER_USER,
    select: { id: true },
  });
  if (extra.length > 0)
    await db().pushSubscription.deleteMany({ where: { id: { in: extra.map((e) => e.id) } } });
}

function onCurve(p256dh: string): boolean {
  const point = Buffer.from(p256dh, 'base64url');
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}
