// A moderator's decision on an open report: its effect on the reported
// person, the report's new status, the audit entry and the reporter's
// notice, all in one transaction. A report is decided once.
import { isId } from '../chat/store/ids';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import { createNotice } from '../users/notices';
import { assertStaff, type Staff } from '../users/platform-role';
import { TIMED_ACTIONS, type DecisionInput } from '../validations/moderation';
import { applyDecision } from './apply-decision';
import { recordAudit } from './audit';
import { dbAction, toReportDtos, type ReportDto } from './dto';
import { noSuchReport } from './list-reports';

/** The longest a mute or suspension may last; longer is a ban. */
const MAX_SANCTION_MS = 365 * 24 * 60 * 60 * 1000;

const TOLD_REPORTER = {
  dismissed: 'We reviewed your report and found no breach of our rules. Thank you for telling us.',
  actioned: 'We reviewed your report and took action. Thank you for helping keep people safe.',
};

export async function decideReport({
  actor,
  reportId,
  input,
}: {
  actor: Staff;
  reportId: string;
  input: DecisionInput;
}): Promise<ReportDto> {
  await assertStaff(actor, 'MODERATOR');
  await spend(actor.id, 'write', COST.moderate);
  if (!isId(reportId)) throw noSuchReport();
  const until = sanctionEnd(input);
  const id = reportId.toLowerCase();

  const decided = await inTransaction(async (tx, events) => {
    const report = await tx.report.findUnique({ where: { id } });
    if (!report) throw noSuchReport();
    if (report.status !== 'OPEN') throw alreadyDecided();
    const target = await tx.user.findUnique({
      where: { id: report.reportedUserId },
      select: { platformRole: true },
    });
    if (report.reportedUserId === actor.id) {
      throw new AppError('FORBIDDEN', 'You cannot decide a report about yourself: another moderator will.');
    }
    if (target?.platformRole === 'ADMIN' && actor.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Only an admin can decide a report about an admin.');
    }
    if (!target && input.action !== 'dismiss' && input.action !== 'delete_messages') {
      throw new AppError(
        'CONFLICT',
        'This account no longer exists: dismiss the report or delete its messages.',
      );
    }
    if (input.action === 'delete_messages' && report.messageIds.length === 0) {
      throw new AppError('VALIDATION', 'action: This report names no messages to delete.');
    }
    // Claims the report: of two moderators deciding at once, the second finds it decided.
    const { count } = await tx.report.updateMany({
      where: { id, status: 'OPEN' },
      data: {
        status: input.action === 'dismiss' ? 'DISMISSED' : 'ACTIONED',
        decidedAt: new Date(),
        decidedById: actor.id,
        action: dbAction(input.action),
        decisionReason: input.reason,
        sanctionUntil: until,
      },
    });
    if (count === 0) throw alreadyDecided();
    await applyDecision({
      tx,
      events,
      moderatorId: actor.id,
      targetUserId: report.reportedUserId,
      messageIds: report.messageIds,
      action: input.action,
      reason: input.reason,
      until,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'report.decided',
      targetUserId: report.reportedUserId,
      reportId: id,
      reason: input.reason,
      details: { action: input.action, until: until?.toISOString() ?? null },
    });
    const reporterKnown = await tx.user.count({ where: { id: report.reporterId } });
    if (reporterKnown > 0) {
      const text = input.action === 'dismiss' ? TOLD_REPORTER.dismissed : TOLD_REPORTER.actioned;
      await createNotice({ userId: report.reporterId, kind: 'report.decided', text }, { client: tx, events });
    }
    return tx.report.findUniqueOrThrow({ where: { id } });
  });
  const [dto] = await toReportDtos([decided]);
  return dto!;
}

/** When a mute or suspension ends: in the future, at most a year away. */
function sanctionEnd(input: DecisionInput): Date | null {
  if (!TIMED_ACTIONS.has(input.action) || input.until === undefined) return null;
  const until = new Date(input.until);
  const now = Date.now();
  if (until.getTime() <= now) throw new AppError('VALIDATION', 'until: Choose a time in the future.');
  if (until.getTime() > now + MAX_SANCTION_MS) {
    throw new AppError('VALIDATION', 'until: Choose a time at most a year away; for longer, ban.');
  }
  return until;
}

function alreadyDecided(): AppError {
  return new AppError('CONFLICT', 'This report has already been decided.');
}
