// The moderation audit log: who did what to whom, when and why. Append-only
// (a trigger in the database refuses UPDATE and DELETE); every moderator and
// admin action writes its entry in the same transaction as the action.
import type { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../chat/store/sql';

export type AuditAction =
  | 'report.decided'
  | 'role.granted'
  | 'role.revoked'
  | 'match.added'
  | 'match.removed'
  | 'word.added'
  | 'word.removed'
  | 'sanction.lifted';

export interface AuditInput {
  actorId: string;
  action: AuditAction;
  targetUserId?: string | null;
  reportId?: string | null;
  reason?: string | null;
  details?: Prisma.InputJsonValue;
}

export async function recordAudit(client: DbClient, entry: AuditInput): Promise<void> {
  await client.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      reportId: entry.reportId ?? null,
      reason: entry.reason ?? null,
      details: entry.details,
    },
  });
}
