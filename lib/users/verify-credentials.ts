import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess, throttleAuthRequest } from '../auth/attempts';
import { verifyAgainstDummy, verifyPassword } from '../auth/password';
import { db } from '../db';
import type { TokenRequest } from '../validations/auth';
import { cancelAccountDeletion } from './account-deletion';
import { toAccountUser, type AccountUser } from './dto';
import { promoteConfiguredAdmin } from './platform-role';
import { signInRefusal } from './sanctions';

/**
 * The account when email and password match; null otherwise, in the same
 * time either way. Throws RATE_LIMITED when the address or the account has
 * used up its attempts, and ACCOUNT_SUSPENDED (with why and until when) for
 * a suspended or banned account whose password matched. Signing in to an
 * account deleted less than ACCOUNT_DELETION_GRACE_DAYS ago cancels the
 * deletion (`deletionCancelled`).
 */
export async function verifyCredentials(
  input: TokenRequest,
  address: string,
): Promise<{ user: AccountUser; tokenVersion: number; deletionCancelled: boolean } | null> {
  await throttleAuthRequest(address);
  await assertLoginAllowed(input.email);
  const found = await db().user.findUnique({ where: { email: input.email } });
  const ok = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  // An erased account's password hash is empty, so it never matches; said here all the same.
  if (!found || !ok || found.erasedAt) {
    await recordLoginFailure(input.email);
    return null;
  }
  await recordLoginSuccess(input.email);
  const refusal = signInRefusal(found);
  if (refusal) throw refusal;
  const deletionCancelled = found.deletionRequestedAt !== null;
  if (deletionCancelled && (await cancelAccountDeletion(found.id)) === 'erased') return null;
  await promoteConfiguredAdmin(found);
  return { user: toAccountUser(found), tokenVersion: found.tokenVersion, deletionCancelled };
}
