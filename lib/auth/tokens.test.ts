import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from './tokens';

const SECRET = 'x'.repeat(40);

describe('bearer tokens', () => {
  it('round-trips the user id, version and expiry', async () => {
    const { token, expiresAt } = await issueToken({ id: 'u1', tokenVersion: 3 }, SECRET, 60);
    const claims = await verifyToken(token, SECRET);
    expect(claims).toMatchObject({ userId: 'u1', version: 3 });
    expect(Math.abs(claims.expiresAt.getTime() - expiresAt.getTime())).toBeLessThan(1000);
  });

  it('refuses another secret, an expired token, and a token signed with the raw secret', async () => {
    const { token } = await issueToken({ id: 'u1', tokenVersion: 0 }, SECRET, 60);
    await expect(verifyToken(token, 'y'.repeat(40))).rejects.toThrow(/invalid/);
    const expired = await issueToken({ id: 'u1', tokenVersion: 0 }, SECRET, -10);
    await expect(verifyToken(expired.token, SECRET)).rejects.toThrow(/expired/);
    const forged = await new SignJWT({ ver: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('chat')
      .setAudience('chat-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(forged, SECRET)).rejects.toThrow(/invalid/);
  });
});
