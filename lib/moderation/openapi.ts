// Reports, notices and the moderation API in the OpenAPI document: the
// request schemas are the ones the route handlers parse with; the response
// schemas describe the DTOs, and the type check at the end stops the build
// if they ever disagree.
import { z } from 'zod';
import type { ApiOperation } from '../http/api-operation';
import type { NoticeDto } from '../users/notices';
import { pageQuerySchema } from '../validations/chat';
import {
  MODERATION_ACTIONS,
  REPORT_CATEGORIES,
  decisionSchema,
  fileReportSchema,
  grantModeratorSchema,
  liftSanctionsSchema,
  reportQueueQuerySchema,
} from '../validations/moderation';
import type { AuditEntryDto } from './list-audit';
import type { DecisionDto, EvidenceMessage, FiledReportDto, OwnReportDto, ReportDto } from './dto';
import type { ReportHistory } from './list-reports';
import type { SanctionsDto } from './lift-sanctions';
import type { StaffMemberDto } from './roles';

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
  attachments: z.unknown(),
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

const notice = z.object({
  id,
  userId: id,
  kind: z.enum(['report.received', 'report.decided', 'warning', 'sanction']),
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
  GrantModeratorRequest: grantModeratorSchema,
  StaffEnvelope: z.object({ moderator: staffMember }),
};

type Name = keyof typeof moderationApiSchemas;
const STAFF = 'Moderators and admins only; anyone else gets 404 NOT_FOUND, as if it were not there.';
const ADMINS = 'Admins only; anyone else gets 404 NOT_FOUND, as if it were not there.';

export const moderationOperations: Array<ApiOperation<Name>> = [
  {
    method: 'post',
    path: '/api/v1/reports',
    tag: 'Safety',
    budget: 'write',
    summary: 'Report someone',
    description:
      'Optionally about messages of a chat you are in (closed direct chats too): messageIds (1–20, sent by that person) need chatId. Freezes the evidence (those messages and the last 50 of the chat up to them, hashed) so nothing anyone edits, deletes or closes later changes it. You get a report.received notice; alsoBlock also blocks them. REPORTS_PER_DAY per reporter (429 with retryAfterSeconds).',
    body: 'FileReportRequest',
    responses: [[201, 'Filed.', 'FiledReportEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/reports',
    tag: 'Safety',
    budget: 'read',
    summary: 'The reports you filed',
    description: 'Newest first, the latest 100, with their status.',
    responses: [[200, 'Your reports.', 'OwnReportList']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/users/me/notices',
    tag: 'Safety',
    budget: 'read',
    summary: 'Notices from the platform to you',
    description:
      'Report confirmations and decisions, warnings and sanctions, newest first (the latest 50). Each also arrives live as the socket event notice.',
    responses: [[200, 'Your notices.', 'NoticeList']],
    errors: [],
  },
  {
    method: 'post',
    path: '/api/v1/users/me/notices/read',
    tag: 'Safety',
    budget: 'write',
    summary: 'Mark all your notices read',
    responses: [[204, 'Done.']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/admin/reports',
    tag: 'Moderation',
    budget: 'read',
    summary: 'The report queue',
    description: `status=open (the default): most urgent first (priority, then the oldest). dismissed, actioned, all: newest first. ${STAFF}`,
    query: reportQueueQuerySchema,
    responses: [[200, 'A page of reports with their frozen evidence.', 'ReportPage']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/reports/{id}',
    tag: 'Moderation',
    budget: 'read',
    summary: 'One report, with the reported person’s history',
    description: STAFF,
    responses: [
      [200, 'The report, earlier reports against the same person, their sanctions now.', 'ReportWithHistory'],
    ],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/reports/{id}/decision',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Decide a report',
    description: `dismiss; warn (a warning notice with the reason); delete_messages (the reported messages become tombstones for everyone, the evidence keeps them); mute (no sends until \`until\`); suspend (until \`until\`) or ban: their tokens and sessions end, their sockets drop, sign-in answers 403 ACCOUNT_SUSPENDED with why and until when. \`until\` is required for mute and suspend (in the future, at most a year away) and refused otherwise. Audited; the reporter gets a report.decided notice. Nobody decides a report about themself; only admins decide about an admin (403). ${STAFF}`,
    body: 'DecisionRequest',
    responses: [[200, 'The decided report.', 'ReportEnvelope']],
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/users/{id}/lift',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Lift someone’s mute, suspension or ban',
    description: `Audited; they get a notice. 409 when nothing is in force. ${STAFF}`,
    body: 'LiftRequest',
    responses: [[200, 'Their sanctions now (none).', 'SanctionsEnvelope']],
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/audit',
    tag: 'Moderation',
    budget: 'read',
    summary: 'The audit log',
    description: `Every moderator and admin action, newest first. Append-only: the database refuses to change or delete an entry. ${STAFF}`,
    query: pageQuerySchema,
    responses: [[200, 'A page of entries.', 'AuditPage']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/moderators',
    tag: 'Moderation',
    budget: 'read',
    summary: 'Every moderator and admin',
    description: ADMINS,
    responses: [[200, 'Admins first, then by name.', 'StaffList']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/moderators',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Make someone a moderator',
    description: `Audited (role.granted). ${ADMINS}`,
    body: 'GrantModeratorRequest',
    responses: [
      [201, 'They are a moderator now.', 'StaffEnvelope'],
      [200, 'They already were a moderator or an admin.', 'StaffEnvelope'],
    ],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/admin/moderators/{userId}',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Take the moderator role away',
    description: `Also demotes an admin not named in ADMIN_EMAILS; those named there cannot be demoted here (409). Audited (role.revoked). ${ADMINS}`,
    responses: [[204, 'They are no longer a moderator.']],
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
];

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
