// Per-user budgets that REST and the socket draw from together, so a person
// (or a script holding their token) gets one allowance whichever transport
// it uses. Services spend from them, never the transports. Kept in the
// process's shared state so route bundles and the socket server share one set;
// with Redis, server start installs counters shared by every process.
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { env, type Env } from './env';
import { AppError } from './errors';
import { processSlot } from './process-state';

export type Budget = 'write' | 'read';

/**
 * What each action costs, in tenths of a plain send or read: marking read
 * happens on every incoming message and is cheap; creating or changing a
 * chat touches many rows and other people, so it weighs much more.
 */
export const COST = {
  send: 10,
  edit: 10,
  delete: 10,
  markRead: 2,
  changeChat: 50,
  createChat: 50,
  read: 10,
  search: 20,
  list: 20,
  sync: 50,
} as const;

const UNIT = 10;
/** Budgets hold two seconds' worth: the average holds, short bursts pass. */
const WINDOW_SECONDS = 2;

type MakeLimiter = (points: number, keyPrefix: string, durationSeconds: number) => RateLimiterAbstract;

const slot = processSlot<Record<Budget, RateLimiterAbstract>>('userBudgets');

/** A budget always fits the dearest action once, however low it is set. */
const points = (perSecond: number) => Math.max(perSecond * UNIT * WINDOW_SECONDS, ...Object.values(COST));

function build(config: Env, make: MakeLimiter): Record<Budget, RateLimiterAbstract> {
  return {
    write: make(points(config.USER_WRITES_PER_SECOND), 'budget:write', WINDOW_SECONDS),
    read: make(points(config.USER_READS_PER_SECOND), 'budget:read', WINDOW_SECONDS),
  };
}

const inMemory: MakeLimiter = (points, keyPrefix, duration) => new RateLimiterMemory({ points, duration, keyPrefix });

/** Replaces the in-memory counters (server start, with Redis); undefined goes back to them. */
export function shareUserBudgets(make: MakeLimiter | undefined, config: Env): void {
  slot.set(make && build(config, make));
}

/** Spends `cost` of the user's `budget`; past it, RATE_LIMITED (429) saying when to try again. */
export async function spend(userId: string, budget: Budget, cost: number): Promise<void> {
  const budgets = slot.use(() => build(env(), inMemory));
  try {
    await budgets[budget].consume(userId, cost);
  } catch (error) {
    // Not instanceof: a limiter installed by the server comes from its own copy of the library.
    if (typeof error !== 'object' || error === null || !('msBeforeNext' in error)) throw error;
    const seconds = Math.max(1, Math.ceil(Number(error.msBeforeNext) / 1000));
    const what = budget === 'write' ? 'changes' : 'requests';
    throw new AppError('RATE_LIMITED', `Too many ${what}: try again in ${seconds} s.`, seconds);
  }
}
