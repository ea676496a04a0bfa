// How the outbox treats a failed attempt: try again later, or stop and show the reason.
import type { ErrorBody, ErrorCode } from '../protocol/index.js';

/** Worth trying again with the same item: the server did not refuse it for what it is. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'UNAVAILABLE',
  'UNAUTHENTICATED',
  'INTERNAL',
]);
/** An INTERNAL error that keeps coming back is not going away: give up after this many attempts. */
export const MAX_INTERNAL_ATTEMPTS = 5;
const BASE_MS = 500;
const MAX_MS = 30_000;

export type Verdict = { retry: true; afterMs: number } | { retry: false };

/** `error` undefined: no answer at all (timeout, transport dropped). */
export function classify(
  error: ErrorBody | undefined,
  attempts: number,
  random: () => number = Math.random,
): Verdict {
  if (error && !TRANSIENT.has(error.code)) return { retry: false };
  if (error?.code === 'INTERNAL' && attempts >= MAX_INTERNAL_ATTEMPTS) return { retry: false };
  if (error?.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
    return { retry: true, afterMs: error.retryAfterSeconds * 1000 + random() * BASE_MS };
  }
  return { retry: true, afterMs: backoff(attempts, random) };
}

/** Exponential, capped, with jitter over its upper half so that clients cut off together do not return together. */
export function backoff(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, Math.min(attempts - 1, 10)));
  return ceiling / 2 + random() * (ceiling / 2);
}
