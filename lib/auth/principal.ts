// Who is calling: from a bearer token (API clients) or the next-auth session
// cookie (browsers). Shared by route handlers and the socket handshake.
import { decode } from 'next-auth/jwt';
import { noteActive } from '../analytics/activity';
import { db } from '../db';
import { isId } from '../chat/store/ids';
import { AppError } from '../errors';
import { verifyToken } from './tokens';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export interface Principal {
  userId: string;
  via: 'token' | 'cookie';
  /** When the credential stops being valid. */
  expiresAt: Date;
  /** The user's tokenVersion when the credential was issued. */
  version: number;
  /** A browser session's id (lib/users/browser-sessions.ts); bearer tokens have none. */
  sessionId?: string;
}

export interface AuthUser {
  id: string;
  name: string;
  email: string;
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is not ours: ignore it.
    }
  }
  return cookies;
}

export async function principalFromBearer(token: string, secret: string): Promise<Principal> {
  const claims = await verifyToken(token, secret);
  return { userId: claims.userId, via: 'token', expiresAt: claims.expiresAt, version: claims.version };
}

/** The session cookie's principal, or null when there is no valid session cookie. */
export async function principalFromCookie(
  cookieHeader: string | null | undefined,
  secret: string,
): Promise<Principal | null> {
  const cookies = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name);
    if (!value) continue;
    const jwt = await decode({ token: value, secret }).catch(() => null);
    // A cookie without a session id predates server-side sessions: it cannot be signed out, so it is not honoured.
    if (jwt?.uid && isId(jwt.sid) && typeof jwt.exp === 'number') {
      return {
        userId: jwt.uid,
        via: 'cookie',
        expiresAt: new Date(jwt.exp * 1000),
        version: jwt.ver ?? 0,
        sessionId: jwt.sid,
      };
    }
  }
  return null;
}

/**
 * Loads the principal's user; refuses deleted (or being deleted), suspended and banned accounts,
 * revoked credentials and ended browser sessions.
 */
export async function resolveUser(principal: Principal): Promise<AuthUser> {
  // Raw SQL: this runs on every request, and a plain statement costs less than an ORM query.
  const session = principal.sessionId ?? null;
  const [user] = isId(principal.userId)
    ? await db().$queryRaw<Array<AuthUser & { tokenVersion: number; sessionLive: boolean; sanctioned: boolean }>>`
        SELECT u.id, u.name, u.email, u."tokenVersion",
               (u."bannedAt" IS NOT NULL OR u."suspendedUntil" > (now() AT TIME ZONE 'UTC')
                OR u."deletionRequestedAt" IS NOT NULL OR u."erasedAt" IS NOT NULL) AS "sanctioned",
               EXISTS (SELECT 1 FROM "AuthSession" s
                       WHERE s.id = ${session}::uuid AND s."userId" = u.id AND s."revokedAt" IS NULL) AS "sessionLive"
        FROM "User" u WHERE u.id = ${principal.userId}::uuid`
    : [];
  if (
    !user ||
    user.tokenVersion !== principal.version ||
    (session !== null && !user.sessionLive) ||
    user.sanctioned
  ) {
    throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  }
  noteActive(user.id);
  return { id: user.id, name: user.name, email: user.email };
}
