// Browser sessions on the server: the session cookie is a signed JWT that
// carries a session id, and a session counts only while its row is not
// revoked. Signing out revokes one; revoking all also bumps tokenVersion,
// which ends every bearer token. Either way the announcement closes the
// sockets at once, on every process (lib/realtime/relay.ts).
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { announce } from '../events/bus';

/** Records a new sign-in and returns its id, for the session cookie. */
export async function startBrowserSession({
  userId,
  userAgent,
  maxAgeSeconds,
}: {
  userId: string;
  userAgent: string | null;
  maxAgeSeconds: number;
}): Promise<string> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000);
  await db().$transaction([
    // Bounded housekeeping: this user's expired sessions go with each new one.
    db().$executeRaw`DELETE FROM "AuthSession" WHERE "userId" = ${userId}::uuid AND "expiresAt" < now()`,
    db().$executeRaw`
      INSERT INTO "AuthSession" (id, "userId", "expiresAt", "userAgent")
      VALUES (${id}::uuid, ${userId}::uuid, ${expiresAt}, ${userAgent?.slice(0, 512) ?? null})`,
  ]);
  return id;
}

/** Signing out: this session's cookie stops working and its sockets close. */
export async function endBrowserSession({ sessionId }: { sessionId: string }): Promise<void> {
  await db().$executeRaw`
    UPDATE "AuthSession" SET "revokedAt" = now() WHERE id = ${sessionId}::uuid AND "revokedAt" IS NULL`;
  announce({ type: 'session.ended', actor: { userId: null }, sessionId });
}

/** Signing out everywhere: every session and bearer token of the user ends, and every socket closes. */
export async function revokeAllSessions({ userId }: { userId: string }): Promise<void> {
  await db().$transaction([
    db().$executeRaw`UPDATE "User" SET "tokenVersion" = "tokenVersion" + 1, "updatedAt" = now() WHERE id = ${userId}::uuid`,
    db().$executeRaw`UPDATE "AuthSession" SET "revokedAt" = now() WHERE "userId" = ${userId}::uuid AND "revokedAt" IS NULL`,
  ]);
  announce({ type: 'credentials.revoked', actor: { userId }, userId });
}
