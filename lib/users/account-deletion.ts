// Deleting one's own account: deactivated at once (every credential and
// socket ends, pushes stop), erased ACCOUNT_DELETION_GRACE_DAYS later by the
// sweep (./erase-accounts.ts). Signing in during the grace period cancels it.
import {
  assertLoginAllowed,
  recordLoginFailure,
  recordLoginSuccess,
  throttleAuthRequest,
} from '../auth/attempts';
import { verifyPassword } from '../auth/password';
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import { revokeAllSessions } from './browser-sessions';
import { createNotice } from './notices';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccountDeletionDto {
  /** When the person asked: the account has been deactivated since. */
  requestedAt: string;
  /** From when the sweep erases it, unless they sign in before. */
  erasesAt: string;
}

export function erasesAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + env().ACCOUNT_DELETION_GRACE_DAYS * DAY_MS);
}

/**
 * Deactivates the caller's account once their password matches; wrong
 * passwords count against the account like wrong sign-ins do. Asking again
 * is not possible: the first request already ended every credential.
 */
export async function requestAccountDeletion({
  userId,
  password,
  address,
}: {
  userId: string;
  password: string;
  /** The client's address, for the sign-in throttle. */
  address: string;
}): Promise<AccountDeletionDto> {
  await spend(userId, 'write', COST.changeChat);
  await throttleAuthRequest(address);
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  await assertLoginAllowed(user.email);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordLoginFailure(user.email);
    throw new AppError('UNAUTHENTICATED', 'The password is incorrect. Your account was not deleted.');
  }
  await recordLoginSuccess(user.email);
  const requestedAt = new Date();
  await db().$transaction([
    db().$executeRaw`
      UPDATE "User" SET "deletionRequestedAt" = ${requestedAt}, "updatedAt" = now()
      WHERE id = ${userId}::uuid AND "deletionRequestedAt" IS NULL AND "erasedAt" IS NULL`,
    // Devices stop being told about messages for an account nobody can open.
    db().$executeRaw`DELETE FROM "PushSubscription" WHERE "userId" = ${userId}::uuid`,
  ]);
  // Every token and browser session ends; the announcement closes the sockets on every process.
  await revokeAllSessions({ userId });
  return { requestedAt: requestedAt.toISOString(), erasesAt: erasesAt(requestedAt).toISOString() };
}

/**
 * At a sign-in whose password matched: a deletion still in its grace period
 * is cancelled, and the person is told so by a notice. 'erased' when the
 * sweep got there first (the sign-in must then fail).
 */
export async function cancelAccountDeletion(userId: string): Promise<'cancelled' | 'erased'> {
  // Waits for a sweep holding the row; after it, erasedAt is set and nothing changes.
  const changed = await db().$executeRaw`
    UPDATE "User" SET "deletionRequestedAt" = NULL, "updatedAt" = now()
    WHERE id = ${userId}::uuid AND "deletionRequestedAt" IS NOT NULL AND "erasedAt" IS NULL`;
  if (changed === 0) return 'erased';
  await createNotice({
    userId,
    kind: 'account.restored',
    text: 'You signed in during the grace period, so your account will not be deleted. To delete it, ask again in your profile settings.',
  });
  return 'cancelled';
}
