// The audit log as moderators read it: newest first, with the actor's name.
import { z } from 'zod';
import type { Page } from '../chat/dto';
import { decodeCursor, encodeCursor, pageSize } from '../chat/rules/paging';
import { db } from '../db';
import { COST, spend } from '../user-budget';
import { assertStaff, type Staff } from '../users/platform-role';
import { timestamp } from '../validations/input';
import type { AuditAction } from './audit';

export interface AuditEntryDto {
  id: string;
  actorId: string;
  /** Null once the account is gone. */
  actorName: string | null;
  action: AuditAction;
  targetUserId: string | null;
  /** The target's name; null when there is no target or the account is gone. */
  targetName: string | null;
  reportId: string | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

const auditCursor = z.object({ at: timestamp, id: z.uuid() });

export async function listAudit({
  actor,
  cursor,
  limit,
}: {
  actor: Staff;
  cursor?: string;
  limit?: number;
}): Promise<Page<AuditEntryDto>> {
  await assertStaff(actor, 'MODERATOR');
  await spend(actor.id, 'read', COST.list);
  const size = pageSize(limit);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, auditCursor);
  const at = after && new Date(after.at);
  const rows = await db().auditEntry.findMany({
    where: after && { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: size + 1,
  });
  const page = rows.slice(0, size);
  const actors = await db().user.findMany({
    where: { id: { in: [...new Set(page.flatMap((r) => [r.actorId, r.targetUserId ?? r.actorId]))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(actors.map((u) => [u.id, u.name]));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      actorId: r.actorId,
      actorName: nameOf.get(r.actorId) ?? null,
      action: r.action as AuditAction,
      targetUserId: r.targetUserId,
      targetName: r.targetUserId ? (nameOf.get(r.targetUserId) ?? null) : null,
      reportId: r.reportId,
      reason: r.reason,
      details: r.details ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > size && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
