import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors';

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
          throw new AppError('RATE_LIMITED', `Too many events: wait ${Math.ceil(error.msBeforeNext / 1000)} s.`);
        }
        throw error;
      }
    },
  };
}
