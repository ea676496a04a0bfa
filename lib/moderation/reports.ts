// Reports: one person asks the moderators to look at another, optionally at
// messages of a chat they share. Filing freezes the evidence in the same
// transaction, puts the report in the queue by urgency with a due time a
// day away, and confirms it to the reporter. Rate-limited per reporter.
import { messageNotFound, noSuchUser, notInChat } from '../chat/rules/access';
import { NOW, type DbClient } from '../chat/store/sql';
import { db } from '../db';
import { env } from '../env';
import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import { blockUser } from '../users/blocks';
import { createNotice } from '../users/notices';
import type { FileReportInput, ReportCategory } from '../validations/moderation';
import { dbCategory, statusOf, toFiledReport, type FiledReportDto, type OwnReportDto } from './dto';
import { freezeEvidence } from './evidence';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Most urgent first: a child or a life may be at risk. */
const PRIORITY: Record<ReportCategory, number> = {
  underage: 0,
  threat_of_harm: 0,
  harassment: 1,
  hate: 1,
  sexual_content: 1,
  spam: 2,
  scam: 2,
  other: 2,
};

export const REPORT_RECEIVED = 'Thanks, we received your report and will review it within 24 hours.';

/** How many of their own reports a reporter sees. */
const OWN_REPORTS_SHOWN = 100;

/** Files a report; with `alsoBlock`, blocks the person too once it is stored. */
export async function fileReport({
  userId,
  input,
  origin,
}: {
  userId: string;
  input: FileReportInput;
  origin?: string;
}): Promise<FiledReportDto> {
  await spend(userId, 'write', COST.report);
  const target = input.userId.toLowerCase();
  if (target === userId) throw new AppError('VALIDATION', 'userId: You cannot report yourself.');
  const reported = await db().user.findUnique({ where: { id: target }, select: { id: true } });
  if (!reported) throw noSuchUser();
  const chatId = input.chatId?.toLowerCase() ?? null;
  const messageIds = [...new Set((input.messageIds ?? []).map((id) => id.toLowerCase()))];

  const row = await inTransaction(async (tx, events) => {
    const now = await takeReportQuota(tx, userId);
    if (chatId) await requireReportableChat(tx, { chatId, userId, target, messageIds });
    const { evidence, sha256 } = await freezeEvidence(tx, { chatId, messageIds, frozenAt: now });
    const created = await tx.report.create({
      data: {
        reporterId: userId,
        reportedUserId: target,
        chatId,
        messageIds,
        category: dbCategory(input.category),
        note: input.note || null,
        priority: PRIORITY[input.category],
        createdAt: now,
        dueAt: new Date(now.getTime() + DAY_MS),
        evidence: evidence as unknown as Prisma.InputJsonValue,
        evidenceSha256: sha256,
      },
    });
    await createNotice({ userId, kind: 'report.received', text: REPORT_RECEIVED }, { client: tx, events });
    return created;
  });
  if (input.alsoBlock) await blockUser({ userId, targetUserId: target, origin });
  return toFiledReport(row);
}

/** The reports the caller filed, newest first (the latest 100). */
export async function listOwnReports({ userId }: { userId: string }): Promise<OwnReportDto[]> {
  await spend(userId, 'read', COST.list);
  const rows = await db().report.findMany({
    where: { reporterId: userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: OWN_REPORTS_SHOWN,
    select: { id: true, category: true, status: true, createdAt: true, decidedAt: true },
  });
  return rows.map((r) => ({
    ...toFiledReport(r),
    status: statusOf(r.status),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/**
 * Counts the reporter's reports of the last 24 hours, in the database, with
 * their filings serialised so two at once cannot both take the last one.
 * Returns the database's time, which the report is stamped with.
 */
async function takeReportQuota(tx: DbClient, userId: string): Promise<Date> {
  await tx.$queryRaw`SELECT 1 AS held FROM pg_advisory_xact_lock(hashtextextended(${`report:${userId}`}, 0))`;
  const [clock] = await tx.$queryRaw<Array<{ now: Date }>>`SELECT ${NOW} AS now`;
  const now = clock!.now;
  const recent = await tx.report.findMany({
    where: { reporterId: userId, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  const limit = env().REPORTS_PER_DAY;
  if (recent.length < limit) return now;
  // Room comes back when enough of them are a day old.
  const freedBy = recent[recent.length - limit]!.createdAt.getTime() + DAY_MS;
  const seconds = Math.max(1, Math.ceil((freedBy - now.getTime()) / 1000));
  throw new AppError(
    'RATE_LIMITED',
    `You can file ${limit} reports a day. Try again in ${Math.ceil(seconds / 60)} min.`,
    seconds,
  );
}

/**
 * The reporter is in the chat (a direct chat counts even when closed or
 * hidden), so is or was the reported person, and every named message is in
 * it and was sent by them.
 */
async function requireReportableChat(
  tx: DbClient,
  {
    chatId,
    userId,
    target,
    messageIds,
  }: { chatId: string; userId: string; target: string; messageIds: string[] },
): Promise<void> {
  const [chat] = await tx.$queryRaw<Array<{ targetWasIn: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "ChatParticipant" q WHERE q."chatId" = s.id AND q."userId" = ${target}::uuid)
             AS "targetWasIn"
    FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid
      AND (p."leftAt" IS NULL OR s.type = 'DIRECT')`;
  if (!chat) throw notInChat();
  if (!chat.targetWasIn) throw new AppError('VALIDATION', 'userId: This person is not in this chat.');
  if (messageIds.length === 0) return;
  const found = await tx.chatMessage.findMany({
    where: { chatId, id: { in: messageIds } },
    select: { senderId: true, type: true },
  });
  if (found.length < messageIds.length) throw messageNotFound();
  if (found.some((m) => m.senderId !== target || m.type === 'SYSTEM')) {
    throw new AppError('VALIDATION', 'messageIds: Name only messages this person sent.');
  }
}
