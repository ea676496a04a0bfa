import { hashPassword } from '../auth/password';
import { db } from '../db';
import { AppError, isUniqueViolation } from '../errors';
import type { RegisterInput } from '../validations/auth';
import { toAccountUser, type AccountUser } from './dto';
import { promoteConfiguredAdmin } from './platform-role';

export async function registerUser(
  input: RegisterInput,
): Promise<{ user: AccountUser; tokenVersion: number }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db().user.create({
      data: { email: input.email, name: input.name, passwordHash },
    });
    await promoteConfiguredAdmin(user);
    return { user: toAccountUser(user), tokenVersion: user.tokenVersion };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}
