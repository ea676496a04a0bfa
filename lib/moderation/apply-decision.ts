// What each moderation action does to the reported person, inside the
// decision's transaction. Events are recorded, not announced: they go out
// once the decision commits, so a rollback leaves no socket dropped.
import { toMessageDto } from '../chat/dto/mappers';
import type { DbClient } from '../chat/store/sql';
import { tombstoneMessages } from '../chat/store/tombstone';
import type { DomainEvent } from '../events/types';
import { createNotice } from '../users/notices';
import { mutedError, signInRefusal } from '../users/sanctions';
import type { ModerationActionName } from '../validations/moderation';

export interface DecisionEffect {
  tx: DbClient;
  events: DomainEvent[];
  moderatorId: string;
  targetUserId: string;
  messageIds: string[];
  action: ModerationActionName;
  reason: string;
  until: Date | null;
}

export async function applyDecision(effect: DecisionEffect): Promise<void> {
  const { tx, events, moderatorId, targetUserId, action, reason, until } = effect;
  const notice = { client: tx, events };
  switch (action) {
    case 'dismiss':
      return;
    case 'warn':
      await createNotice(
        { userId: targetUserId, kind: 'warning', text: `A moderator warned you: ${reason}` },
        notice,
      );
      return;
    case 'delete_messages': {
      // The same tombstones a sender's own delete leaves; the report's evidence keeps the originals.
      const deleted = await tombstoneMessages(tx, effect.messageIds);
      for (const row of deleted) {
        events.push({ type: 'message.deleted', actor: { userId: moderatorId }, message: toMessageDto(row) });
      }
      return;
    }
    case 'mute':
      await tx.user.update({
        where: { id: targetUserId },
        data: { mutedUntil: until, sanctionReason: reason },
      });
      await createNotice(
        { userId: targetUserId, kind: 'sanction', text: mutedError(until!, reason).message },
        notice,
      );
      return;
    case 'suspend':
    case 'ban': {
      const state = await tx.user.update({
        where: { id: targetUserId },
        data: {
          ...(action === 'ban' ? { bannedAt: new Date() } : { suspendedUntil: until }),
          sanctionReason: reason,
          tokenVersion: { increment: 1 },
        },
        select: { suspendedUntil: true, bannedAt: true },
      });
      // Every browser session and bearer token stops, and every socket drops, on every process.
      await tx.$executeRaw`
        UPDATE "AuthSession" SET "revokedAt" = now() WHERE "userId" = ${targetUserId}::uuid AND "revokedAt" IS NULL`;
      events.push({ type: 'credentials.revoked', actor: { userId: moderatorId }, userId: targetUserId });
      const refusal = signInRefusal({ ...state, sanctionReason: reason });
      if (refusal)
        await createNotice({ userId: targetUserId, kind: 'sanction', text: refusal.message }, notice);
      return;
    }
  }
}
