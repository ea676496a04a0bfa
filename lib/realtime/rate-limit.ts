import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors';
import type { RedisClient } from '../redis';

/**
 * Per-socket and per-user event budgets. Over budget, the event is refused
 * with RATE_LIMITED and the socket stays connected: an honest client that
 * bursts recovers within a second.
 */
export interface RateLimiter {
  consume(socketId: string, userId: string): Promise<void>;
}

export function createRateLimiter(
  options: { socketPerSecond: number; userPerSecond: number },
  make: (points: number, keyPrefix: string) => RateLimiterAbstract = (points, keyPrefix) =>
    new RateLimiterMemory({ points, duration: 2, keyPrefix }),
): RateLimiter {
  // A budget of two seconds' worth: the average holds, short bursts pass.
  const perSocket = make(options.socketPerSecond * 2, 'rl:socket');
  const perUser = make(options.userPerSecond * 2, 'rl:user');
  return {
    async consume(socketId, userId) {
      try {
        await Promise.all([perSocket.consume(socketId), perUser.consume(userId)]);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
          throw new AppError('RATE_LIMITED', `Too many events: wait ${seconds} s.`, seconds);
        }
        throw error;
      }
    },
  };
}

/**
 * Budgets shared by every process through Redis. While Redis is unreachable
 * each process falls back to its own counters rather than holding events
 * in the offline queue.
 */
export function redisLimiters(redis: RedisClient, prefix: string) {
  return (points: number, keyPrefix: string, duration = 2): RateLimiterAbstract =>
    new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: false,
      rejectIfRedisNotReady: true,
      points,
      duration,
      keyPrefix: `${prefix}${keyPrefix}`,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix }),
    });
}
