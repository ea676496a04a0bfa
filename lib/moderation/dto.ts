// What the reports and moderation services return: plain JSON-ready objects,
// never Prisma rows. The database spells categories and actions in capitals
// (SEXUAL_CONTENT); the API in lower case (sexual_content).
import type { AttachmentDto, MessageType } from '../chat/dto';
import { db } from '../db';
import type { Report } from '../generated/prisma/client';
import type { ModerationActionName, ReportCategory } from '../validations/moderation';
import type { Evidence } from './evidence';

export type ReportStatus = 'open' | 'dismissed' | 'actioned';

/** One message as it stood when the report was filed. */
export interface EvidenceMessage {
  id: string;
  seq: number;
  senderId: string | null;
  /** The sender's name then; null for a message whose account was gone. */
  senderName: string | null;
  type: MessageType;
  content: string;
  /** The uploads as the message carried them (null for text, and for a message deleted before the report). */
  attachments: AttachmentDto[] | null;
  replyToId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** One of the messages the reporter named; the others are the chat around them. */
  reported: boolean;
}

/** What a reporter learns when filing. */
export interface FiledReportDto {
  id: string;
  category: ReportCategory;
  status: ReportStatus;
  createdAt: string;
}

/** A reporter's own report, as they see it later. */
export interface OwnReportDto extends FiledReportDto {
  decidedAt: string | null;
}

export interface DecisionDto {
  action: ModerationActionName;
  reason: string | null;
  until: string | null;
  decidedAt: string;
  decidedById: string | null;
}

/** A report as moderators see it: who, what, the frozen evidence and the decision. */
export interface ReportDto {
  id: string;
  category: ReportCategory;
  status: ReportStatus;
  reporterId: string;
  reportedUserId: string;
  chatId: string | null;
  messageIds: string[];
  note: string | null;
  /** 0 is most urgent (underage, threat of harm), 1 harassment, hate and sexual content, 2 the rest. */
  priority: number;
  createdAt: string;
  dueAt: string;
  reporter: { id: string; name: string | null };
  reportedUser: { id: string; name: string | null };
  evidence: Evidence & { sha256: string };
  decision: DecisionDto | null;
}

export const categoryOf = (db: Report['category']) => db.toLowerCase() as ReportCategory;
export const statusOf = (db: Report['status']) => db.toLowerCase() as ReportStatus;
export const actionOf = (db: NonNullable<Report['action']>) => db.toLowerCase() as ModerationActionName;
export const dbStatus = (status: ReportStatus) => status.toUpperCase() as Report['status'];
export const dbCategory = (category: ReportCategory) => category.toUpperCase() as Report['category'];
export const dbAction = (action: ModerationActionName) =>
  action.toUpperCase() as NonNullable<Report['action']>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toFiledReport(row: Pick<Report, 'id' | 'category' | 'status' | 'createdAt'>): FiledReportDto {
  return {
    id: row.id,
    category: categoryOf(row.category),
    status: statusOf(row.status),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Moderators' view of reports, with the names of both people in one query. */
export async function toReportDtos(rows: Report[]): Promise<ReportDto[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.reporterId, r.reportedUserId]))];
  const users = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const person = (id: string) => ({ id, name: nameOf.get(id) ?? null });
  return rows.map((row) => ({
    id: row.id,
    category: categoryOf(row.category),
    status: statusOf(row.status),
    reporterId: row.reporterId,
    reportedUserId: row.reportedUserId,
    chatId: row.chatId,
    messageIds: row.messageIds,
    note: row.note,
    priority: row.priority,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    reporter: person(row.reporterId),
    reportedUser: person(row.reportedUserId),
    evidence: { ...(row.evidence as unknown as Evidence), sha256: row.evidenceSha256 },
    decision:
      row.action && row.decidedAt
        ? {
            action: actionOf(row.action),
            reason: row.decisionReason,
            until: iso(row.sanctionUntil),
            decidedAt: row.decidedAt.toISOString(),
            decidedById: row.decidedById,
          }
        : null,
  }));
}
