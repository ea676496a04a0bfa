// The OpenAPI 3.1 document of the REST API, generated from the same zod
// schemas the route handlers validate with (zod's toJSONSchema), so the
// document cannot drift from what the server accepts.
import { z } from 'zod';
import { chatOperations } from './chat/openapi/operations';
import { chatApiSchemas } from './chat/openapi/schemas';
import { mediaApiSchemas, mediaOperations } from './media/openapi';
import type { ApiOperation as Operation } from './http/api-operation';
import { env } from './env';
import { ERROR_STATUS, type ErrorCode } from './errors';
import { registerSchema, tokenRequestSchema } from './validations/auth';
import { deleteAccountSchema, updateAccountSchema } from './validations/users';
import { INT4_MAX } from './validations/input';
import { pushOperations } from './push/openapi/operations';
import { pushApiSchemas } from './push/openapi/schemas';
import { privacyApiSchemas, privacyOperations } from './users/openapi';
import { analyticsApiSchemas, analyticsOperations } from './analytics/openapi';
import { exportApiSchemas, exportOperations } from './exports/openapi';

const account = z.object({
  id: z.uuid(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  bio: z.string().nullable(),
  pronouns: z.string().nullable(),
  email: z.email(),
  createdAt: z.iso.datetime(),
});
const schemas = {
  ...chatApiSchemas,
  ...mediaApiSchemas,
  ...pushApiSchemas,
  ...privacyApiSchemas,
  ...analyticsApiSchemas,
  ...exportApiSchemas,
  RegisterRequest: registerSchema,
  TokenRequest: tokenRequestSchema,
  Session: z.object({
    user: account,
    token: z.string(),
    expiresAt: z.iso.datetime(),
    deletionCancelled: z
      .boolean()
      .optional()
      .describe('Sign-in only: true when the account was being deleted and this sign-in cancelled that.'),
  }),
  AccountEnvelope: z.object({ user: account }),
  UpdateAccountRequest: updateAccountSchema,
  DeleteAccountRequest: deleteAccountSchema,
  AccountDeletionEnvelope: z.object({
    deletion: z.object({
      requestedAt: z.iso.datetime().describe('Since when the account is deactivated.'),
      erasesAt: z.iso.datetime().describe('From when it is erased, unless you sign in before.'),
    }),
  }),
  OwnAccountEnvelope: z.object({
    user: account.extend({
      platformRole: z
        .enum(['USER', 'MODERATOR', 'ADMIN'])
        .describe('MODERATOR and ADMIN may use the moderation console (/admin) and /api/v1/admin.'),
    }),
  }),
};
export type SchemaName = keyof typeof schemas;
type ApiOperation = Operation<SchemaName>;

const accountOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/auth/register',
    tag: 'Accounts',
    summary: 'Create an account and get a bearer token',
    public: true,
    body: 'RegisterRequest',
    responses: [[201, 'The account and its token.', 'Session']],
    errors: ['EMAIL_TAKEN', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/v1/auth/token',
    tag: 'Accounts',
    summary: 'Exchange email and password for a bearer token',
    public: true,
    body: 'TokenRequest',
    responses: [[200, 'The account and a new token.', 'Session']],
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/v1/auth/revoke',
    tag: 'Accounts',
    summary: 'Sign out everywhere',
    description:
      'Ends every browser session and bearer token of the caller (tokenVersion moves on) and closes their sockets on every server process. Sign in again afterwards.',
    responses: [[204, 'Every session and token of yours has ended.']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/users/me',
    tag: 'Accounts',
    summary: 'The signed-in account',
    responses: [[200, 'Your account, with your platform role.', 'OwnAccountEnvelope']],
    errors: [],
  },
  {
    method: 'patch',
    path: '/api/v1/users/me',
    tag: 'Accounts',
    budget: 'write',
    summary: 'Change your profile: name, bio, pronouns, photo',
    description:
      'Each field only when given; at least one. name: 1–80 characters; bio: at most 160 (line breaks allowed); pronouns: at most 40; all plain text, trimmed, control characters refused; "" or null removes bio or pronouns. ' +
      "avatarUploadId: an upload of yours with purpose avatar and no chat (POST /api/v1/uploads), which must be an image; your avatarUrl becomes its thumbnail's address. null removes the photo. The photo it replaces stops being served. Someone else's upload, or one for a chat or a message, is 404. Unknown fields are refused.",
    body: 'UpdateAccountRequest',
    responses: [[200, 'Your account as changed.', 'OwnAccountEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND', 'RATE_LIMITED'],
  },
  {
    method: 'delete',
    path: '/api/v1/users/me',
    tag: 'Accounts',
    budget: 'write',
    summary: 'Delete your account',
    description:
      'Confirm with your password. The account is deactivated at once: every browser session and bearer token ends, every socket closes, push subscriptions are removed. ' +
      'It is erased ACCOUNT_DELETION_GRACE_DAYS (14) later: profile, email, password, photo, settings, blocks, matches, notices and media go; messages you sent in chats with others stay as "Deleted account" with their content removed (what a report already holds stays with the report). ' +
      'Signing in before then cancels the deletion (the sign-in answer says deletionCancelled: true, and a notice says so). A wrong password is 401 and counts like a wrong sign-in; nothing changes.',
    body: 'DeleteAccountRequest',
    responses: [[202, 'The account is deactivated and will be erased.', 'AccountDeletionEnvelope']],
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'RATE_LIMITED'],
  },
];

const docsOperation: ApiOperation = {
  method: 'get',
  path: '/api/v1/openapi.json',
  tag: 'Docs',
  summary: 'This document',
  public: true,
  responses: [[200, 'The OpenAPI 3.1 description of this API.']],
  errors: [],
};

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
/** The schema of an answer that is a file's bytes. */
const BINARY = { type: 'string', format: 'binary' } as const;

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
export type OpenApiOperation = ReturnType<typeof operation>;

export function buildOpenApiDocument() {
  const limits = env();
  const paths: Record<string, Partial<Record<ApiOperation['method'], OpenApiOperation>>> = {};
  for (const op of [
    ...accountOperations,
    ...chatOperations,
    ...mediaOperations,
    ...pushOperations,
    ...privacyOperations,
    ...analyticsOperations,
    ...exportOperations,
    docsOperation,
  ]) {
    (paths[op.path] ??= {})[op.method] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chat API',
      version: '1',
      description: [
        'JSON over HTTPS. Authenticate with `Authorization: Bearer <token>` (from /api/v1/auth/token) or, in the browser, the session cookie.',
        'Every error is `{ "error": { "code", "message" } }`; the message is meant for people.',
        `Lists page with opaque cursors: ${limits.PAGE_MAX_ITEMS} items at most (larger limits, up to ${INT4_MAX}, are clamped), 50 by default.`,
        `Messages hold at most ${limits.MESSAGE_MAX_LENGTH} characters; they can be edited for ${limits.EDIT_WINDOW_SECONDS} seconds; groups hold at most ${limits.GROUP_MAX_PARTICIPANTS} people; request bodies at most ${limits.BODY_MAX_BYTES} bytes.`,
        'An id that names nothing you may see, malformed or not, is answered 404.',
        `Text is stored exactly as sent, so the NUL character and unpaired UTF-16 surrogates are refused (400); integers are at most ${INT4_MAX}; times are ISO 8601 in UTC, years 1970–9999; a tampered cursor is a 400.`,
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Accounts' },
      { name: 'Chats' },
      { name: 'Messages' },
      { name: 'Users' },
      { name: 'Safety' },
      { name: 'Moderation' },
      { name: 'Media' },
      { name: 'Notifications' },
      { name: 'Privacy' },
      { name: 'Exports' },
      { name: 'Docs' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
      },
    },
  };
}

function operation(op: ApiOperation) {
  const errors = new Set<ErrorCode>(op.errors);
  if (!op.public) errors.add('UNAUTHENTICATED');
  // Chat reads and writes spend from the caller's budgets (lib/user-budget.ts).
  if (op.tag !== 'Accounts' && op.tag !== 'Docs') errors.add('RATE_LIMITED');
  if (op.query) errors.add('VALIDATION');
  if (op.body)
    for (const code of ['VALIDATION', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const)
      errors.add(code);
  if (op.form)
    for (const code of ['VALIDATION', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const)
      errors.add(code);
  const responses: Record<
    string,
    { description: string; content?: Record<string, { schema: { $ref: string } | typeof BINARY }> }
  > = {};
  for (const [status, description] of op.bytes ?? []) {
    responses[status] = { description, content: { 'application/octet-stream': { schema: BINARY } } };
  }
  for (const [status, description, body] of op.responses) {
    responses[status] = body
      ? { description, content: { 'application/json': { schema: ref(body) } } }
      : { description };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errors)
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `Error: ${codes.join(', ')}.`,
      content: { 'application/json': { schema: ref('Error') } },
    };
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.public ? { security: [] } : { security: [{ bearer: [] }, { cookie: [] }] }),
    parameters: [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        // Ids are UUIDs; anything else (a reaction's emoji) is a percent-encoded string.
        schema: /^(id|\w+Id)$/.test(name ?? '') ? { type: 'string', format: 'uuid' } : { type: 'string' },
      })),
      ...(op.query ? queryParameters(op.query) : []),
    ],
    ...(op.body || op.form
      ? {
          requestBody: {
            required: true,
            content: op.form
              ? { 'multipart/form-data': { schema: ref(op.form) } }
              : { 'application/json': { schema: ref(op.body as SchemaName) } },
          } as { required: true; content: Record<string, { schema: { $ref: string } }> },
        }
      : {}),
    responses,
  };
}

function queryParameters(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Each came out as a standalone document; inside components they are plain schemas.
  return Object.fromEntries(
    Object.entries(converted).map(([id, { $id: _id, $schema: _schema, ...rest }]) => [id, rest]),
  );
}
