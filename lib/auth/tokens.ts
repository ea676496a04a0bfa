// Signed bearer tokens for API clients (curl, mobile apps, the load harness).
import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '../errors';

const ISSUER = 'chat';
const AUDIENCE = 'chat-api';

export interface TokenClaims {
  userId: string;
  /** The user's tokenVersion when issued; bumping it revokes the token. */
  version: number;
  expiresAt: Date;
}

function signingKey(secret: string): Uint8Array {
  // A key of its own, so a bearer token can never pass as a session cookie.
  return createHash('sha256').update(`bearer-token:${secret}`).digest();
}

export async function issueToken(
  user: { id: string; tokenVersion: number },
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ ver: user.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey(secret));
  return { token, expiresAt };
}

export async function verifyToken(token: string, secret: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, signingKey(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || !payload.exp) {
      throw new AppError('UNAUTHENTICATED', 'The token is malformed.');
    }
    return { userId: payload.sub, version: payload.ver, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JWTExpired) {
      throw new AppError('UNAUTHENTICATED', 'The token has expired. Request a new one.');
    }
    throw new AppError('UNAUTHENTICATED', 'The token is invalid.');
  }
}
