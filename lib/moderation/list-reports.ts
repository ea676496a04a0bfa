// The moderators' view of reports: the queue, most urgent first, and one
// report with the reported person's history.
import { z } from 'zod';
import type { Page } from '../chat/dto';
import { decodeCursor, encodeCursor, pageSize } from '../chat/rules/paging';
import { isId } from '../chat/store/ids';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { COST, spend } from '../user-budget';
import { assertStaff, type Staff } from '../users/platform-role';
import { INT4_MAX, timestamp } from '../validations/input';
import type { ModerationActionName, ReportCategory } from '../validations/moderation';
import {
  actionOf,
  categoryOf,
  dbStatus,
  statusOf,
  toReportDtos,
  type ReportDto,
  type ReportStatus,
} from './dto';

export type ReportFilter = ReportStatus | 'all';

/** Where the previous page ended. */
const reportCursor = z.object({ p: z.number().int().min(0).max(INT4_MAX), at: timestamp, id: z.uuid() });

/** How many earlier reports against the same person a report's history shows. */
const HISTORY_REPORTS = 50;

export interface ReportHistory {
  reports: Array<{
    id: string;
    category: ReportCategory;
    status: ReportStatus;
    createdAt: string;
    action: ModerationActionName | null;
  }>;
  sanctions: {
    mutedUntil: string | null;
    suspendedUntil: string | null;
    bannedAt: string | null;
    reason: string | null;
  };
}

export function noSuchReport(): AppError {
  return new AppError('NOT_FOUND', 'There is no report with this id.');
}

/**
 * Reports by status. Open ones come most urgent first: by priority, then the
 * oldest (the soonest due); decided ones and `all`, newest first.
 */
export async function listReportQueue({
  actor,
  status = 'open',
  cursor,
  limit,
}: {
  actor: Staff;
  status?: ReportFilter;
  cursor?: string;
  limit?: number;
}): Promise<Page<ReportDto>> {
  await assertStaff(actor, 'MODERATOR');
  await spend(actor.id, 'read', COST.list);
  const size = pageSize(limit);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, reportCursor);
  const urgentFirst = status === 'open';
  const where: Prisma.ReportWhereInput = status === 'all' ? {} : { status: dbStatus(status) };
  if (after) {
    const at = new Date(after.at);
    where.OR = urgentFirst
      ? [
          { priority: { gt: after.p } },
          { priority: after.p, createdAt: { gt: at } },
          { priority: after.p, createdAt: at, id: { gt: after.id } },
        ]
      : [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }];
  }
  const rows = await db().report.findMany({
    where,
    orderBy: urgentFirst
      ? [{ priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }]
      : [{ createdAt: 'desc' }, { id: 'desc' }],
    take: size + 1,
  });
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: await toReportDtos(page),
    nextCursor:
      rows.length > size && last
        ? encodeCursor({ p: last.priority, at: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}

/** One report, with the earlier reports against the same person and their sanctions now. */
export async function getReport({
  actor,
  reportId,
}: {
  actor: Staff;
  reportId: string;
}): Promise<{ report: ReportDto; history: ReportHistory }> {
  await assertStaff(actor, 'MODERATOR');
  await spend(actor.id, 'read', COST.read);
  if (!isId(reportId)) throw noSuchReport();
  const row = await db().report.findUnique({ where: { id: reportId.toLowerCase() } });
  if (!row) throw noSuchReport();
  const [[report], earlier, person] = await Promise.all([
    toReportDtos([row]),
    db().report.findMany({
      where: { reportedUserId: row.reportedUserId, createdAt: { lt: row.createdAt }, id: { not: row.id } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_REPORTS,
      select: { id: true, category: true, status: true, createdAt: true, action: true },
    }),
    db().user.findUnique({
      where: { id: row.reportedUserId },
      select: { mutedUntil: true, suspendedUntil: true, bannedAt: true, sanctionReason: true },
    }),
  ]);
  return {
    report: report!,
    history: {
      reports: earlier.map((r) => ({
        id: r.id,
        category: categoryOf(r.category),
        status: statusOf(r.status),
        createdAt: r.createdAt.toISOString(),
        action: r.action ? actionOf(r.action) : null,
      })),
      sanctions: {
        mutedUntil: person?.mutedUntil?.toISOString() ?? null,
        suspendedUntil: person?.suspendedUntil?.toISOString() ?? null,
        bannedAt: person?.bannedAt?.toISOString() ?? null,
        reason: person?.sanctionReason ?? null,
      },
    },
  };
}
