import { db } from '../db';
import type { PlatformRole } from './platform-role';
import { signInRefusal } from './sanctions';

export interface AccountStanding {
  platformRole: PlatformRole;
  /** Why the account may not be used now (suspended or banned), in sign-in's words; null when it may. */
  refusal: string | null;
}

/**
 * What a page needs to know about the signed-in account beyond its session
 * cookie, in one lookup: a suspension given after the cookie was issued, and
 * whether to offer the moderation console.
 */
export async function accountStanding(userId: string): Promise<AccountStanding | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { platformRole: true, suspendedUntil: true, bannedAt: true, sanctionReason: true },
  });
  if (!user) return null;
  return { platformRole: user.platformRole, refusal: signInRefusal(user)?.message ?? null };
}
