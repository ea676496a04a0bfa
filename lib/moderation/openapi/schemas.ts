// The bodies of reports, notices and the moderation API, by their names in
// the OpenAPI document. Requests are the schemas the route handlers parse
// with; responses describe the DTOs, and the type check at the end stops the
// build if a DTO and its schema ever disagree.
import { z } from 'zod';
import { attachmentSchema } from '../../chat/openapi/attachment';
import type { NoticeDto } from '../../users/notices';
import {
  MODERATION_ACTIONS,
  REPORT_CATEGORIES,
  decisionSchema,
  fileReportSchema,
  grantModeratorSchema,
  liftSanctionsSchema,
} from '../../validations/moderation';
import type { AuditEntryDto } from '../list-audit';
import type { DecisionDto, EvidenceMessage, FiledReportDto, OwnReportDto, ReportDto } from '../dto';
import type { ReportHistory } from '../list-reports';
import type { SanctionsDto } from '../lift-sanctions';
import type { StaffMemberDto } from '../roles';

const id = z.uuid();
const time = z.iso.datetime();
const category = z.enum(REPORT_CATEGORIES);
const status = z.enum(['open', 'dismissed', 'actioned']);
const action = z.enum(MODERATION_ACTIONS);
const person = z.object({ id, name: z.string().nullable().describe('Null once the account is gone.') });

const filedReport = z.object({ id, category, status, createdAt: time });
const ownReport = filedReport.extend({ decidedAt: time.nullable() });

const evidenceMessage = z.object({
  id,
  seq: z.number().int(),
  senderId: id.nullable(),
  senderName: z.string().nullable(),
  type: z.enum(['TEXT', 'IMAGE', 'FILE', 'VOICE', 'SYSTEM']),
  content: z.string().describe('As it stood when the report was filed; empty if it was already deleted.'),
  attachments: z.array(attachmentSchema).nullable(),
  replyToId: id.nullable(),
  createdAt: time,
  editedAt: time.nullable(),
  deletedAt: time.nullable(),
  reported: z
    .boolean()
    .describe('One of the messages the reporter named; the others are the chat around them.'),
});

const decision = z.object({
  action,
  reason: z.string().nullable(),
  until: time.nullable().describe('The end of a mute or suspension.'),
  decidedAt: time,
  decidedById: id.nullable(),
});

const report = z.object({
  id,
  category,
  status,
  reporterId: id,
  reportedUserId: id,
  chatId: id.nullable(),
  messageIds: z.array(id),
  note: z.string().nullable(),
  priority: z
    .number()
    .int()
    .describe('0 underage and threat_of_harm; 1 harassment, hate, sexual_content; 2 the rest.'),
  createdAt: time,
  dueAt: time.describe('24 hours after filing.'),
  reporter: person,
  reportedUser: person,
  evidence: z
    .object({
      messages: z.array(evidenceMessage),
      chatId: id.nullable(),
      frozenAt: time,
      sha256: z
        .string()
        .describe(
          'SHA-256 (hex) of {messages, chatId, frozenAt} as canonical JSON (RFC 8785: keys sorted, no spaces).',
        ),
    })
    .describe('Frozen when the report was filed: nothing either person does afterwards changes it.'),
  decision: decision.nullable(),
});

const history = z.object({
  reports: z
    .array(z.object({ id, category, status, createdAt: time, action: action.nullable() }))
    .describe('Earlier reports against the same person, newest first (at most 50).'),
  sanctions: z.object({
    mutedUntil: time.nullable(),
    suspendedUntil: time.nullable(),
    bannedAt: time.nullable(),
    reason: z.string().nullable(),
  }),
});

const auditEntry = z.object({
  id,
  actorId: id,
  actorName: z.string().nullable(),
  targetName: z.string().nullable(),
  action: z.enum([
    'report.decided',
    'role.granted',
    'role.revoked',
    'match.added',
    'match.removed',
    'word.added',
    'word.removed',
    'sanction.lifted',
  ]),
  targetUserId: id.nullable(),
  reportId: id.nullable(),
  reason: z.string().nullable(),
  details: z.unknown(),
  createdAt: time,
});

const staffMember = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['MODERATOR', 'ADMIN']),
});

const account = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['USER', 'MODERATOR', 'ADMIN']),
});

const notice = z.object({
  id,
  userId: id,
  kind: z.enum(['report.received', 'report.decided', 'warning', 'sanction', 'account.restored']),
  text: z.string(),
  createdAt: time,
  readAt: time.nullable(),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const moderationApiSchemas = {
  FileReportRequest: fileReportSchema,
  FiledReportEnvelope: z.object({ report: filedReport }),
  OwnReportList: z.object({ items: z.array(ownReport) }),
  NoticeList: z.object({ notices: z.array(notice) }),
  Report: report,
  ReportPage: page(report),
  ReportWithHistory: z.object({ report, history }),
  ReportEnvelope: z.object({ report }),
  DecisionRequest: decisionSchema,
  LiftRequest: liftSanctionsSchema,
  SanctionsEnvelope: z.object({ sanctions: history.shape.sanctions }),
  AuditPage: page(auditEntry),
  StaffList: z.object({ items: z.array(staffMember) }),
  AccountList: z.object({ users: z.array(account) }),
  GrantModeratorRequest: grantModeratorSchema,
  StaffEnvelope: z.object({ moderator: staffMember }),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemasMatchDtos: [
  Same<z.infer<typeof filedReport>, FiledReportDto>,
  Same<z.infer<typeof ownReport>, OwnReportDto>,
  Same<z.infer<typeof evidenceMessage>, EvidenceMessage>,
  Same<z.infer<typeof decision>, DecisionDto>,
  Same<z.infer<typeof report>, ReportDto>,
  Same<z.infer<typeof history>, ReportHistory>,
  Same<z.infer<typeof auditEntry>, AuditEntryDto>,
  Same<z.infer<typeof staffMember>, StaffMemberDto>,
  Same<z.infer<typeof notice>, NoticeDto>,
  Same<z.infer<typeof history.shape.sanctions>, SanctionsDto>,
] = [true, true, true, true, true, true, true, true, true, true];
