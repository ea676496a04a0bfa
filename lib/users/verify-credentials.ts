import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess, throttleAuthRequest } from '../auth/attempts';
import { verifyAgainstDummy, verifyPassword } from '../auth/password';
import { db } from '../db';
import type { TokenRequest } from '../validations/auth';
import { toAccountUser, type AccountUser } from './dto';
import { promoteConfiguredAdmin } from './platform-role';
import { signInRefusal } from './sanctions';

/**
 * The account when email and password match; null otherwise, in the same
 * time either way. Throws RATE_LIMITED when the address or the account has
 * used up its attempts, and ACCOUNT_SUSPENDED (with why and until when) for
 * a suspended or banned account whose password matched.
 */
export async function verifyCredentials(
  input: TokenRequest,
  address: string,
): Promise<{ user: AccountUser; tokenVersion: number } | null> {
  await throttleAuthRequest(address);
  await assertLoginAllowed(input.email);
  const found = await db().user.findUnique({ where: { email: input.email } });
  const ok = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!found || !ok) {
    await recordLoginFailure(input.email);
    return null;
  }
  await recordLoginSuccess(input.email);
  const refusal = signInRefusal(found);
  if (refusal) throw refusal;
  await promoteConfiguredAdmin(found);
  return { user: toAccountUser(found), tokenVersion: found.tokenVersion };
}
