// Platform roles: ADMIN and MODERATOR run the moderation console and its API
// (/admin, /api/v1/admin); they are apart from a group's own roles. The
// accounts named in ADMIN_EMAILS become admins when they sign up or sign in;
// admins grant and revoke MODERATOR.
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';

export type PlatformRole = 'USER' | 'MODERATOR' | 'ADMIN';

/** A signed-in moderator or admin, as the moderation services take them. */
export interface Staff {
  id: string;
  name: string;
  role: PlatformRole;
}

const RANK: Record<PlatformRole, number> = { USER: 0, MODERATOR: 1, ADMIN: 2 };

/**
 * Refused as if the page did not exist: someone without the role learns
 * nothing about the console, not even that it is there.
 */
export function notAdminArea(): AppError {
  return new AppError('NOT_FOUND', 'There is nothing here.');
}

/** The caller's platform role. */
export async function platformRoleOf(userId: string): Promise<PlatformRole> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { platformRole: true } });
  return user?.platformRole ?? 'USER';
}

/** Throws 404 unless the caller holds `least` or a higher platform role; returns the role held. */
export async function requirePlatformRole(userId: string, least: 'MODERATOR' | 'ADMIN'): Promise<PlatformRole> {
  const role = await platformRoleOf(userId);
  if (RANK[role] < RANK[least]) throw notAdminArea();
  return role;
}

/**
 * The moderation services' own check, whatever the transport did: `actor`
 * holds `least` or more, as the database says now, and `actor.role` is that
 * role (404 otherwise, like any path of the console).
 */
export async function assertStaff(actor: Staff, least: 'MODERATOR' | 'ADMIN'): Promise<void> {
  const role = await requirePlatformRole(actor.id, least);
  if (role !== actor.role) throw notAdminArea();
}

/** Makes the account an admin when ADMIN_EMAILS names its email; called at sign-up and sign-in. */
export async function promoteConfiguredAdmin(user: { id: string; email: string }): Promise<void> {
  if (!env().ADMIN_EMAILS.includes(user.email.toLowerCase())) return;
  await db().user.updateMany({
    where: { id: user.id, platformRole: { not: 'ADMIN' } },
    data: { platformRole: 'ADMIN' },
  });
}
