// Encrypts one payload per subscription and queues the deliveries.
import { db } from '../../db';
import { endpointProblem } from '../rules/endpoint';
import type { PushPayload } from '../rules/payload';
import type { PushContext } from './context';
import { encryptPush } from './encrypt';

export interface SubscriptionRow {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function subscriptionsOf(userIds: readonly string[]): Promise<SubscriptionRow[]> {
  if (userIds.length === 0) return [];
  return db().pushSubscription.findMany({
    where: { userId: { in: [...userIds] } },
    select: { id: true, userId: true, endpoint: true, p256dh: true, auth: true },
  });
}

/** Apple's push service takes no push that shows nothing: Safari would revoke the subscription. */
export const mustShowEveryPush = (endpoint: string) =>
  /\.push\.apple\.com$/i.test(new URL(endpoint).hostname);

/**
 * Queues `payloadFor(subscription)` to each subscription, once per `onceKey`
 * (a fan-out handled twice queues nothing twice). A subscription whose host
 * is no longer allowed is skipped: the server never sends to a refused endpoint.
 */
export async function queuePushes(
  ctx: PushContext,
  subscriptions: readonly SubscriptionRow[],
  payloadFor: (subscription: SubscriptionRow) => PushPayload,
  onceKey: (subscription: SubscriptionRow) => string,
): Promise<void> {
  for (const subscription of subscriptions) {
    const problem = endpointProblem(subscription.endpoint, ctx.env.PUSH_ALLOWED_HOSTS);
    if (problem) {
      ctx.log.warn({ subscriptionId: subscription.id, problem }, 'push skipped: endpoint not allowed');
      continue;
    }
    let request: ReturnType<typeof encryptPush>;
    try {
      request = encryptPush(subscription, payloadFor(subscription), {
        vapid: ctx.vapid,
        ttlSeconds: ctx.env.PUSH_TTL_SECONDS,
      });
    } catch (err) {
      // Keys that passed validation but the encryption refuses: nothing to send to.
      ctx.log.warn(
        { err, subscriptionId: subscription.id },
        'push skipped: cannot encrypt for this subscription',
      );
      continue;
    }
    await ctx.queue.add(
      {
        kind: 'deliver',
        subscriptionId: subscription.id,
        endpoint: subscription.endpoint,
        headers: request.headers,
        body: request.body.toString('base64'),
        attempt: 0,
      },
      { once: onceKey(subscription) },
    );
  }
}
