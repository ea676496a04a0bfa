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
  /** Adding or taking back a reaction. */
  react: 5,
  markRead: 2,
  changeChat: 50,
  createChat: 50,
  block: 10,
  report: 20,
  moderate: 20,
  /** A change to a word list: the console's, or your hidden words. */
  words: 10,
  read: 10,
  search: 20,
  list: 20,
  sync: 50,
  /** Requesting an export (the work itself is limited to a few a day). */
  export: 50,
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

const inMemory: MakeLimiter = (points, keyPrefix, duration) =>
  new RateLimiterMemory({ points, duration, keyPrefix });

/** Replaces the in-memory counters (server start, with Redis); undefined goes back to them. */
export function shareUserBudgets(make: MakeLimiter | undefined, config: Env): void {
  slot.set(make && build(config, make));
  spentSlot.set(undefined);
}

/**
 * Until when (epoch ms) each user's budget is known to be spent, from this
 * process's own refusals. A refusal means the window is spent for every
 * action: the limiter counts refused points too, so the count stays past the
 * limit until the window resets. The server's request handler reads it to
 * refuse before Next (lib/http/user-gate.ts); with Redis, a refusal by
 * another process is not seen here and the limiter decides as before.
 */
const spentSlot = processSlot<Map<string, number>>('userBudgetsSpent');
const spentKey = (userId: string, budget: Budget) => `${budget}:${userId}`;
const SPENT_ENTRIES_BEFORE_SWEEP = 10_000;

/** Milliseconds until the user's `budget` comes back, or 0 when it is not known to be spent. */
export function spentFor(userId: string, budget: Budget): number {
  const map = spentSlot.get();
  const until = map?.get(spentKey(userId, budget));
  if (until === undefined) return 0;
  const left = until - Date.now();
  if (left <= 0) map?.delete(spentKey(userId, budget));
  return Math.max(0, left);
}

function markSpent(userId: string, budget: Budget, ms: number): void {
  const map = spentSlot.use(() => new Map());
  if (map.size >= SPENT_ENTRIES_BEFORE_SWEEP) {
    const now = Date.now();
    for (const [key, until] of map) if (until <= now) map.delete(key);
  }
  map.set(spentKey(userId, budget), Date.now() + ms);
}

/** The refusal for a spent budget, the same from the service and from the early exit. */
export function budgetRefusal(budget: Budget, ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const what = budget === 'write' ? 'changes' : 'requests';
  return new AppError('RATE_LIMITED', `Too many ${what}: try again in ${seconds} s.`, seconds);
}

/** Spends `cost` of the user's `budget`; past it, RATE_LIMITED (429) saying when to try again. */
export async function spend(userId: string, budget: Budget, cost: number): Promise<void> {
  if (cost <= 0) return;
  // Known to be spent: refused without asking the limiter (with Redis, a round trip).
  const left = spentFor(userId, budget);
  if (left > 0) throw budgetRefusal(budget, left);
  const budgets = slot.use(() => build(env(), inMemory));
  try {
    await budgets[budget].consume(userId, cost);
  } catch (error) {
    // Not instanceof: a limiter installed by the server comes from its own copy of the library.
    if (typeof error !== 'object' || error === null || !('msBeforeNext' in error)) throw error;
    const ms = Number(error.msBeforeNext);
    markSpent(userId, budget, ms);
    throw budgetRefusal(budget, ms);
  }
}

/**
 * Adds `cost` to what the user spent, after the fact and without refusing:
 * for reads whose size is known only once they are done. The work is paid
 * for by the requests that follow.
 */
export async function charge(userId: string, budget: Budget, cost: number): Promise<void> {
  if (cost <= 0) return;
  const limiter = slot.use(() => build(env(), inMemory))[budget];
  const res = await limiter.penalty(userId, cost);
  if (res.consumedPoints > limiter.points) markSpent(userId, budget, res.msBeforeNext);
}
