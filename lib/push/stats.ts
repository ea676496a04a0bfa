// What /api/health reports of the push queue: how much waits, and how
// deliveries went since start (with Redis, across every process).
import type { RedisClient } from '../redis';

export const PUSH_COUNTERS = ['sent', 'failed', 'dropped', 'removed'] as const;
/**
 * sent: accepted by a push service. failed: tries that failed (a 5xx, 429,
 * timeout or refused connection; retried) or were refused for good (other
 * 4xx). dropped: pushes given up after PUSH_MAX_ATTEMPTS, or refused for
 * good. removed: subscriptions deleted because their push service said they
 * are gone (404, 410).
 */
export type PushCounter = (typeof PUSH_COUNTERS)[number];

export interface PushStats {
  count(counter: PushCounter): void;
  read(): Promise<Record<PushCounter, number>>;
}

export function memoryPushStats(): PushStats {
  const counts = Object.fromEntries(PUSH_COUNTERS.map((c) => [c, 0])) as Record<PushCounter, number>;
  return {
    count: (counter) => void (counts[counter] += 1),
    read: async () => ({ ...counts }),
  };
}

export function redisPushStats(redis: RedisClient, prefix: string): PushStats {
  const key = `${prefix}push:stats`;
  return {
    count: (counter) => void redis.hincrby(key, counter, 1).catch(() => undefined),
    async read() {
      const all = await redis.hgetall(key);
      return Object.fromEntries(PUSH_COUNTERS.map((c) => [c, Number(all[c] ?? 0)])) as Record<
        PushCounter,
        number
      >;
    },
  };
}
