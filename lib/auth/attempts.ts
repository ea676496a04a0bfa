// Brute-force protection for sign-in and sign-up: a request budget per
// client address, and a budget of wrong passwords per account. Kept on
// the process's shared state so every route bundle shares one set of counters; with Redis
// the server start installs counters shared by every process.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { env, type Env } from '../env';
import { AppError } from '../errors';
import { processSlot } from '../process-state';

const FAILURE_WINDOW_SECONDS = 15 * 60;

interface Limits {
  perAddress: RateLimiterAbstract;
  failures: RateLimiterAbstract;
}

const slot = processSlot<Limits>('authAttempts');

function limits(): Limits {
  return slot.use(() => ({
    perAddress: new RateLimiterMemory({ points: env().AUTH_REQUESTS_PER_MINUTE, duration: 60, keyPrefix: 'auth-ip' }),
    failures: new RateLimiterMemory({
      points: env().LOGIN_FAILURES_PER_ACCOUNT,
      duration: FAILURE_WINDOW_SECONDS,
      keyPrefix: 'auth-fail',
    }),
  }));
}

type MakeLimiter = (points: number, keyPrefix: string, durationSeconds: number) => RateLimiterAbstract;

/** Replaces the in-memory counters (server start, with Redis); undefined goes back to them. */
export function shareAuthAttempts(make: MakeLimiter | undefined, config: Env): void {
  slot.set(
    make && {
      perAddress: make(config.AUTH_REQUESTS_PER_MINUTE, 'auth-ip', 60),
      failures: make(config.LOGIN_FAILURES_PER_ACCOUNT, 'auth-fail', FAILURE_WINDOW_SECONDS),
    },
  );
}

// Not instanceof alone: a limiter installed by the server comes from its own
// copy of rate-limiter-flexible, not the route bundle's.
function isRefusal(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes || (typeof error === 'object' && error !== null && 'msBeforeNext' in error);
}

function tooMany(msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new AppError('RATE_LIMITED', `Too many attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`);
}

/** Counts one sign-in or sign-up request from `address`; refuses past the budget. */
export async function throttleAuthRequest(address: string): Promise<void> {
  try {
    await limits().perAddress.consume(address);
  } catch (error) {
    if (isRefusal(error)) throw tooMany(error.msBeforeNext);
    throw error;
  }
}

/** Refuses sign-in for an account that has had too many wrong passwords lately. */
export async function assertLoginAllowed(email: string): Promise<void> {
  const state = await limits().failures.get(email);
  if (state && state.remainingPoints <= 0) throw tooMany(state.msBeforeNext);
}

export async function recordLoginFailure(email: string): Promise<void> {
  await limits().failures.penalty(email, 1);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await limits().failures.delete(email);
}

/** The client address the server stamped on the request (lib/server/start.ts). */
export function clientAddress(headers: Headers | Record<string, unknown>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}

export const CLIENT_ADDRESS_HEADER = 'x-chat-client-address';
