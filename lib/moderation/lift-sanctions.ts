// Lifting a person's mute, suspension or ban before it ends, with the reason
// in the audit log. They may sign in and send again at once.
import { noSuchUser } from '../chat/rules/access';
import { isId } from '../chat/store/ids';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import { createNotice } from '../users/notices';
import { assertStaff, type Staff } from '../users/platform-role';
import { recordAudit } from './audit';

export interface SanctionsDto {
  mutedUntil: string | null;
  suspendedUntil: string | null;
  bannedAt: string | null;
  reason: string | null;
}

const LIFTED = 'A moderator lifted the restrictions on your account.';

export async function liftSanctions({
  actor,
  userId,
  reason,
}: {
  actor: Staff;
  userId: string;
  reason: string;
}): Promise<SanctionsDto> {
  await assertStaff(actor, 'MODERATOR');
  await spend(actor.id, 'write', COST.moderate);
  if (!isId(userId)) throw noSuchUser();
  const target = userId.toLowerCase();
  return inTransaction(async (tx, events) => {
    const [before] = await tx.$queryRaw<
      Array<{
        platformRole: string;
        mutedUntil: Date | null;
        suspendedUntil: Date | null;
        bannedAt: Date | null;
      }>
    >`SELECT "platformRole", "mutedUntil", "suspendedUntil", "bannedAt" FROM "User" WHERE id = ${target}::uuid FOR UPDATE`;
    if (!before) throw noSuchUser();
    if (target === actor.id) throw new AppError('FORBIDDEN', 'You cannot lift your own restrictions.');
    if (before.platformRole === 'ADMIN' && actor.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Only an admin can lift an admin’s restrictions.');
    }
    const now = new Date();
    const inForce =
      (before.mutedUntil ?? now) > now || (before.suspendedUntil ?? now) > now || before.bannedAt !== null;
    if (!inForce) throw new AppError('CONFLICT', 'This person has no mute, suspension or ban to lift.');
    await tx.user.update({
      where: { id: target },
      data: { mutedUntil: null, suspendedUntil: null, bannedAt: null, sanctionReason: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sanction.lifted',
      targetUserId: target,
      reason,
      details: {
        mutedUntil: before.mutedUntil?.toISOString() ?? null,
        suspendedUntil: before.suspendedUntil?.toISOString() ?? null,
        bannedAt: before.bannedAt?.toISOString() ?? null,
      },
    });
    await createNotice({ userId: target, kind: 'sanction', text: LIFTED }, { client: tx, events });
    return { mutedUntil: null, suspendedUntil: null, bannedAt: null, reason: null };
  });
}
