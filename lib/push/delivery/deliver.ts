// One queued push to one push service: sent, retried with backoff, or its
// subscription removed when the service says it is gone.
import { db } from '../../db';
import type { PushJob } from '../queue/types';
import { endpointProblem } from '../rules/endpoint';
import type { PushContext } from './context';
import { postPush } from './post';

type DeliverJob = Extract<PushJob, { kind: 'deliver' }>;

/** The longest a retry waits, whatever the backoff or Retry-After says. */
const RETRY_MAX_MS = 10 * 60 * 1000;

export async function deliver(ctx: PushContext, job: DeliverJob): Promise<void> {
  // Unsubscribed (or moved to another endpoint) since it was queued: nothing to send.
  const current = await db().pushSubscription.findUnique({
    where: { id: job.subscriptionId },
    select: { endpoint: true },
  });
  if (current?.endpoint !== job.endpoint) return;
  // Never to a refused endpoint, even one queued before PUSH_ALLOWED_HOSTS changed.
  if (endpointProblem(job.endpoint, ctx.env.PUSH_ALLOWED_HOSTS)) return;

  const outcome = await postPush(
    { endpoint: job.endpoint, headers: job.headers, body: Buffer.from(job.body, 'base64') },
    { agent: ctx.agent, timeoutMs: ctx.env.PUSH_TIMEOUT_MS },
  );
  const where = { id: job.subscriptionId, endpoint: job.endpoint };
  switch (outcome.kind) {
    case 'sent':
      ctx.stats.count('sent');
      await db().pushSubscription.updateMany({ where, data: { lastSuccessAt: new Date(), failures: 0 } });
      return;
    case 'gone':
      ctx.stats.count('removed');
      await db().pushSubscription.deleteMany({ where });
      ctx.log.info(
        { subscriptionId: job.subscriptionId, status: outcome.status },
        'push subscription gone; removed',
      );
      return;
    case 'refused':
      ctx.stats.count('failed');
      ctx.stats.count('dropped');
      await db().pushSubscription.updateMany({ where, data: { failures: { increment: 1 } } });
      ctx.log.warn({ subscriptionId: job.subscriptionId, reason: outcome.reason }, 'push refused');
      return;
    case 'retry': {
      ctx.stats.count('failed');
      await db().pushSubscription.updateMany({ where, data: { failures: { increment: 1 } } });
      const attempt = job.attempt + 1;
      if (attempt >= ctx.env.PUSH_MAX_ATTEMPTS) {
        ctx.stats.count('dropped');
        ctx.log.warn(
          { subscriptionId: job.subscriptionId, reason: outcome.reason, attempt },
          'push given up',
        );
        return;
      }
      const backoff = ctx.env.PUSH_RETRY_BASE_MS * 2 ** job.attempt * (0.75 + Math.random() / 2);
      const delayMs = Math.min(RETRY_MAX_MS, Math.max(backoff, outcome.retryAfterMs ?? 0));
      // A stopping queue takes nothing: the job fails, and with Redis another process takes it over.
      if (!(await ctx.queue.add({ ...job, attempt }, { delayMs }))) throw new Error('push queue stopped');
      return;
    }
  }
}
