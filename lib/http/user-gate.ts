// The per-user checks that run in the server's request handler, before Next:
// a refusal here costs a signature check, not Next's routing, the account
// lookup and reading the body. The services' spend() stays the authority on
// budgets; this only answers early what it would answer anyway, and caps how
// many requests one user has in progress so one user cannot hold the
// database pool and the event loop.
import type { IncomingMessage } from 'node:http';
import { principalFromCookie } from '../auth/principal';
import { verifyToken } from '../auth/tokens';
import { AppError, toErrorBody, type ErrorBody } from '../errors';
import { budgetRefusal, spentFor } from '../user-budget';
import type { ApiOperationInfo } from './api-routes';

export interface GateRefusal {
  status: 429;
  headers: Record<string, string>;
  body: { error: ErrorBody };
  /**
   * How long to hold the answer. A client that does not wait for Retry-After
   * would otherwise get a refusal as fast as it can ask (thousands a second
   * from one connection pool, each costing the event loop); held, each of
   * its connections carries at most one request per hold.
   */
  holdMs: number;
}

/** Longest hold of a refusal: retry times are whole seconds, and an honest client waits that long anyway. */
const MAX_HOLD_MS = 1000;

export type GateAnswer = { refusal: GateRefusal } | { release: () => void } | null;

/** Verified credentials kept, so a flood costs one signature check per credential, not per request. */
const CALLERS_KEPT = 10_000;

export class UserGate {
  private readonly inFlight = new Map<string, number>();
  private readonly callers = new Map<string, { userId: string; until: number }>();

  constructor(private readonly options: { secret: string; maxInFlight: number }) {}

  /**
   * A refusal to send now, or `release` to call when the response is over,
   * or null when the request is not one to gate (no operation, public, or no
   * credential this can read: Next answers those as before).
   */
  async admit(req: IncomingMessage, operation: ApiOperationInfo | null): Promise<GateAnswer> {
    if (!operation?.authenticated) return null;
    const userId = await this.callerOf(req);
    if (!userId) return null;
    const spentMs = operation.budget ? spentFor(userId, operation.budget) : 0;
    if (operation.budget && spentMs > 0) return { refusal: refusal(budgetRefusal(operation.budget, spentMs), spentMs) };
    const busy = this.inFlight.get(userId) ?? 0;
    if (busy >= this.options.maxInFlight) {
      const max = this.options.maxInFlight;
      return {
        refusal: refusal(
          new AppError('RATE_LIMITED', `Too many requests at once: at most ${max} at a time. Wait for an answer before sending more.`, 1),
          MAX_HOLD_MS,
        ),
      };
    }
    this.inFlight.set(userId, busy + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(userId) ?? 1) - 1;
        if (left > 0) this.inFlight.set(userId, left);
        else this.inFlight.delete(userId);
      },
    };
  }

  /** The user a bearer token or session cookie names, from its signature alone (no database). */
  private async callerOf(req: IncomingMessage): Promise<string | null> {
    const header = req.headers.authorization;
    const cookie = req.headers.cookie;
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const key = token ?? (header || !cookie ? undefined : `cookie ${cookie}`);
    if (!key) return null;
    const kept = this.callers.get(key);
    if (kept && kept.until > Date.now()) return kept.userId;
    const { secret } = this.options;
    const found = token
      ? await verifyToken(token, secret).then(
          (claims) => ({ userId: claims.userId, until: claims.expiresAt.getTime() }),
          () => null,
        )
      : await principalFromCookie(cookie, secret).then(
          (p) => p && { userId: p.userId, until: p.expiresAt.getTime() },
          () => null,
        );
    if (!found) return null;
    if (this.callers.size >= CALLERS_KEPT) this.callers.clear();
    this.callers.set(key, found);
    return found.userId;
  }
}

function refusal(error: AppError, holdMs: number): GateRefusal {
  const body = toErrorBody(error);
  return {
    status: 429,
    headers: { 'retry-after': String(body.retryAfterSeconds ?? 1) },
    body: { error: body },
    holdMs: Math.min(holdMs, MAX_HOLD_MS),
  };
}
