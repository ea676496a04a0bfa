// Exports, for the OpenAPI document (lib/openapi.ts).
import { z } from 'zod';
import type { ApiOperation } from '../http/api-operation';
import { createExportSchema } from '../validations/exports';
import type { ExportDto } from './dto';

const exportJob = z.object({
  id: z.uuid(),
  scope: z.enum(['account', 'chat']),
  chatId: z.uuid().nullable(),
  format: z.enum(['json', 'html', 'both']),
  includeMedia: z.boolean(),
  status: z
    .enum(['queued', 'running', 'ready', 'failed', 'expired'])
    .describe('queued → running → ready (or failed); ready turns expired when its zip is deleted.'),
  progress: z.number().min(0).max(1),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable().describe('While ready: when the zip is deleted.'),
  size: z.number().int().nullable().describe('The zip’s size in bytes, once ready.'),
  error: z.string().nullable(),
  downloadUrl: z.string().nullable().describe('/api/v1/exports/{id}/download, once ready.'),
});

export const exportApiSchemas = {
  CreateExportRequest: createExportSchema,
  ExportEnvelope: z.object({ export: exportJob }),
  ExportList: z.object({ exports: z.array(exportJob) }),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: Same<z.infer<typeof exportJob>, ExportDto> = true;
void typesMatch;

const NOT_YOURS = 'An id that is not one of your exports is 404, like one that names nothing.';

export const exportOperations: Array<ApiOperation<keyof typeof exportApiSchemas>> = [
  {
    method: 'post',
    path: '/api/v1/exports',
    tag: 'Exports',
    budget: 'write',
    summary: 'Ask for an export of a chat or of your account',
    description: [
      'Built in the background: poll GET /api/v1/exports/{id}, or listen for export_progress and export_ready on the socket.',
      'The zip holds manifest.json (formatVersion, counts, the sha256 of every file), per chat chats/{id}/chat.json and messages.jsonl (one message a line; deleted messages as tombstones with deleted: true) and/or messages.html (static, opens offline), index.html, and media/ with the photos, files and voice messages you may open now.',
      'scope "account" covers every chat you are or were in plus account/*.json: profile, settings, sign-in sessions (metadata only), blocks, hidden words and the reports you filed.',
      'A chat you left exports what was sent until you left, without media (media is served to current members only). A chat you were never in is 404.',
      'One export at a time (409 while one is queued or running) and EXPORTS_PER_DAY in 24 hours (429 with Retry-After).',
    ].join(' '),
    body: 'CreateExportRequest',
    responses: [[202, 'Queued.', 'ExportEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/api/v1/exports',
    tag: 'Exports',
    budget: 'read',
    summary: 'Your exports of the last 30 days',
    responses: [[200, 'Newest first.', 'ExportList']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/exports/{id}',
    tag: 'Exports',
    budget: 'read',
    summary: 'One of your exports: status and progress',
    description: NOT_YOURS,
    responses: [[200, 'The export.', 'ExportEnvelope']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/exports/{id}',
    tag: 'Exports',
    budget: 'write',
    summary: 'Delete one of your exports',
    description: `Its zip is deleted at once; one being built stops. ${NOT_YOURS}`,
    responses: [[204, 'Deleted.']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/exports/{id}/download',
    tag: 'Exports',
    budget: 'read',
    summary: 'Download a ready export',
    description: `The zip, streamed (application/zip, as an attachment). 409 while it is not ready, or once it expired (EXPORT_RETENTION_DAYS after it was ready). ${NOT_YOURS}`,
    bytes: [[200, 'The zip.']],
    responses: [],
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
];
