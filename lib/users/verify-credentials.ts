import { verifyAgainstDummy, verifyPassword } from '../auth/password';
import { db } from '../db';
import type { TokenRequest } from '../validations/auth';
import { toAccountUser, type AccountUser } from './dto';

/** The account when email and password match; null otherwise, in the same time either way. */
export async function verifyCredentials(
  input: TokenRequest,
): Promise<{ user: AccountUser; tokenVersion: number } | null> {
  const found = await db().user.findUnique({ where: { email: input.email } });
  if (!found) return verifyAgainstDummy(input.password).then(() => null);
  if (!(await verifyPassword(found.passwordHash, input.password))) return null;
  return { user: toAccountUser(found), tokenVersion: found.tokenVersion };
}
