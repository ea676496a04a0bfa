// Who runs the moderation console. Admins grant and revoke MODERATOR here;
// the admins named in ADMIN_EMAILS are admins by configuration and stay so.
import { noSuchUser } from '../chat/rules/access';
import { isId } from '../chat/store/ids';
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import { pageSize } from '../chat/rules/paging';
import { escapeLike } from '../chat/store/sql';
import { assertStaff, type PlatformRole, type Staff } from '../users/platform-role';
import { recordAudit } from './audit';

export interface StaffMemberDto {
  id: string;
  name: string;
  email: string;
  role: Exclude<PlatformRole, 'USER'>;
}

const STAFF_SELECT = { id: true, name: true, email: true, platformRole: true } as const;

function toStaffMember(u: {
  id: string;
  name: string;
  email: string;
  platformRole: PlatformRole;
}): StaffMemberDto {
  return { id: u.id, name: u.name, email: u.email, role: u.platformRole as StaffMemberDto['role'] };
}

/** Every moderator and admin, admins first, then by name. */
export async function listStaff({ actor }: { actor: Staff }): Promise<StaffMemberDto[]> {
  await assertStaff(actor, 'ADMIN');
  await spend(actor.id, 'read', COST.list);
  const rows = await db().user.findMany({
    where: { platformRole: { in: ['MODERATOR', 'ADMIN'] } },
    orderBy: [{ platformRole: 'desc' }, { name: 'asc' }, { id: 'asc' }],
    select: STAFF_SELECT,
  });
  return rows.map(toStaffMember);
}

/** Makes someone a moderator; an existing moderator or admin is left as they are (granted: false). */
export async function grantModerator({
  actor,
  userId,
}: {
  actor: Staff;
  userId: string;
}): Promise<{ moderator: StaffMemberDto; granted: boolean }> {
  await assertStaff(actor, 'ADMIN');
  await spend(actor.id, 'write', COST.moderate);
  const target = userId.toLowerCase();
  return inTransaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: target, platformRole: 'USER' },
      data: { platformRole: 'MODERATOR' },
    });
    const user = await tx.user.findUnique({ where: { id: target }, select: STAFF_SELECT });
    if (!user) throw noSuchUser();
    if (count > 0) await recordAudit(tx, { actorId: actor.id, action: 'role.granted', targetUserId: target });
    return { moderator: toStaffMember(user), granted: count > 0 };
  });
}

/** Takes the moderator role (or an admin role not from ADMIN_EMAILS) away. */
export async function revokeModerator({ actor, userId }: { actor: Staff; userId: string }): Promise<void> {
  await assertStaff(actor, 'ADMIN');
  await spend(actor.id, 'write', COST.moderate);
  if (!isId(userId)) throw notStaff();
  const target = userId.toLowerCase();
  await inTransaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: target },
      select: { email: true, platformRole: true },
    });
    if (!user || user.platformRole === 'USER') throw notStaff();
    if (user.platformRole === 'ADMIN' && env().ADMIN_EMAILS.includes(user.email.toLowerCase())) {
      throw new AppError(
        'CONFLICT',
        'This admin is named in ADMIN_EMAILS: change the configuration instead.',
      );
    }
    await tx.user.update({ where: { id: target }, data: { platformRole: 'USER' } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'role.revoked',
      targetUserId: target,
      details: { role: user.platformRole },
    });
  });
}

function notStaff(): AppError {
  return new AppError('NOT_FOUND', 'This person is not a moderator.');
}

export interface AccountDto {
  id: string;
  name: string;
  email: string;
  role: PlatformRole;
}

/**
 * Accounts for admins to act on (grant a role, look someone up): by a
 * fragment of the name, or by the whole email address. Unlike people
 * search it ignores DM_POLICY and blocks, and shows emails: admins only.
 */
export async function findAccounts({
  actor,
  q,
  limit,
}: {
  actor: Staff;
  q: string;
  limit?: number;
}): Promise<AccountDto[]> {
  await assertStaff(actor, 'ADMIN');
  await spend(actor.id, 'read', COST.search);
  const text = q.trim().toLowerCase();
  const rows = await db().$queryRaw<Array<Omit<AccountDto, 'role'> & { platformRole: PlatformRole }>>`
    SELECT id, name, email, "platformRole" FROM "User"
    WHERE lower(name) LIKE ${`%${escapeLike(text)}%`} OR email = ${text}
    ORDER BY email = ${text} DESC, lower(name) LIKE ${`${escapeLike(text)}%`} DESC, lower(name), id
    LIMIT ${pageSize(limit)}`;
  return rows.map(({ platformRole, ...u }) => ({ ...u, role: platformRole }));
}
