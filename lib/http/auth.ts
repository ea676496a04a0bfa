import type { IncomingMessage } from 'node:http';
import { principalFromBearer, principalFromCookie, resolveUser, type AuthUser } from '../auth/principal';
import { isSameSiteRequest } from '../auth/origin';
import { authSecret } from '../auth/secret';
import { env, trustedOrigins } from '../env';
import { AppError } from '../errors';
import { requirePlatformRole, type Staff } from '../users/platform-role';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The calling user, from `Authorization: Bearer` or the session cookie.
 * Cookie-authenticated writes must come from our own pages (CSRF).
 */
export function requireUser(req: Request): Promise<AuthUser> {
  return authenticate(req.headers, req.method);
}

/**
 * requireUser for a request the HTTP server answers itself, before Next
 * (uploads and media, lib/media/http): the same credentials, the same checks.
 */
export function requireIncomingUser(req: IncomingMessage): Promise<AuthUser> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return authenticate(headers, req.method ?? 'GET');
}

async function authenticate(headers: Headers, method: string): Promise<AuthUser> {
  const secret = authSecret();
  const header = headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError('UNAUTHENTICATED', 'Use "Authorization: Bearer <token>".');
    }
    return resolveUser(await principalFromBearer(match[1], secret));
  }
  const principal = await principalFromCookie(headers.get('cookie'), secret);
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in, or send a bearer token.');
  if (!SAFE_METHODS.has(method) && !isSameSiteRequest(headers, trustedOrigins(env()))) {
    throw new AppError('FORBIDDEN', 'Cross-site requests are not allowed.');
  }
  return resolveUser(principal);
}

/**
 * The calling user when they hold `least` or a higher platform role (the
 * moderation API, /api/v1/admin). Anyone else signed in gets the 404 of a
 * page that is not there, before their input is even read.
 */
export async function requireStaff(req: Request, least: 'MODERATOR' | 'ADMIN'): Promise<Staff> {
  const user = await requireUser(req);
  return { id: user.id, name: user.name, role: await requirePlatformRole(user.id, least) };
}
