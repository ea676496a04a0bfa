// The shared Redis connection for running several processes as one
// deployment (REDIS_URL). Without it, everything stays in this process.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type RedisClient = Redis;

/**
 * A client that rides out a Redis restart: commands wait in the offline
 * queue instead of failing, and it reconnects (and the adapter's duplicates
 * resubscribe) by itself, backing off to 2 s between attempts.
 */
export function createRedis(url: string, log: Logger): RedisClient {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    connectionName: 'chat',
  });
  // One line per outage, not one per retry.
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log.warn({ err: err.message }, 'redis unavailable; retrying');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info('redis reconnected');
    down = false;
  });
  return client;
}

/** Resolves once connected, or rejects with one readable line after `ms`. */
export async function waitForRedis(client: RedisClient, ms = 10_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', ready);
      reject(new Error(`Redis did not answer within ${ms / 1000} s (REDIS_URL)`));
    }, ms);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', ready);
  });
}
