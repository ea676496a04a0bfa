// Reports, notices and the moderation API's endpoints, for the OpenAPI
// document (listed with the chat API's in lib/chat/openapi/operations.ts).
import type { ApiOperation } from '../../http/api-operation';
import { pageQuerySchema } from '../../validations/chat';
import { reportQueueQuerySchema } from '../../validations/moderation';
import type { moderationApiSchemas } from './schemas';

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
