// Sets up Web Push for this process (lib/server/start.ts calls it): the
// VAPID keys, the queue and its worker, the event subscriber, the shared
// stores. Returns the stop, which lets the pushes under way finish.
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Env } from '../env';
import type { RedisClient } from '../redis';
import { resolvePushConfig } from './config';
import { pushAgent } from './delivery/agent';
import type { PushContext } from './delivery/context';
import { handlePushJob } from './delivery/worker';
import { redisFocusStore } from './focus';
import { listenForPushes } from './listen';
import { memoryPushQueue } from './queue/memory-queue';
import { redisPushQueue } from './queue/redis-queue';
import { focusStore, memoryChangeLimiter, setFocusStore, setPushRuntime } from './runtime';
import { memoryPushStats, redisPushStats } from './stats';

type MakeLimiter = (points: number, keyPrefix: string, durationSeconds: number) => RateLimiterAbstract;

export interface PushStartOptions {
  env: Env;
  log: Logger;
  /** With several processes: the shared Redis and its rate limiters. */
  redis?: RedisClient;
  limiters?: MakeLimiter;
}

export async function startPush({
  env,
  log,
  redis,
  limiters,
}: PushStartOptions): Promise<() => Promise<void>> {
  const prefix = env.REDIS_PREFIX;
  setFocusStore(redis ? redisFocusStore(redis, { prefix, ttlMs: env.PRESENCE_TTL_MS }) : undefined);
  const config = await resolvePushConfig(env);
  if (!config.enabled) {
    log.info({ reason: config.reason }, 'push notifications are off');
    return async () => setFocusStore(undefined);
  }
  if (config.generated)
    log.warn('VAPID keys are not set; using a key pair generated and kept in DATA_DIR (development only)');

  const queue = redis ? redisPushQueue(redis, { prefix }, log) : memoryPushQueue(log);
  const stats = redis ? redisPushStats(redis, prefix) : memoryPushStats();
  const agent = pushAgent(env);
  const ctx: PushContext = {
    env,
    vapid: config.vapid,
    queue,
    stats,
    focus: focusStore(),
    agent,
    log: log.child({ part: 'push' }),
  };
  queue.consume((job) => handlePushJob(ctx, job), env.PUSH_CONCURRENCY);
  const unlisten = listenForPushes(queue);
  const perHour = env.PUSH_SUBSCRIPTION_CHANGES_PER_HOUR;
  setPushRuntime({
    publicKey: config.vapid.publicKey,
    queue,
    stats,
    changes: limiters ? limiters(perHour, 'push-changes', 3600) : memoryChangeLimiter(perHour),
  });
  return async () => {
    unlisten();
    setPushRuntime(undefined);
    const stopped = queue.stop();
    // Pushes still waiting for an answer end now rather than hold the shutdown.
    agent.destroy();
    await stopped;
    setFocusStore(undefined);
  };
}
