// The API's contract under hostile input, checked with generated cases: every
// write refuses malformed bodies with a 4xx JSON error and stores nothing;
// every read refuses bad query strings; nothing ever answers 500. And the
// OpenAPI document describes every route that exists.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  createChatSchema,
  editMessageSchema,
  markReadSchema,
  sendMessageSchema,
  updateChatSchema,
} from '@/lib/validations/chat';
import { type ApiResponse, type TestUser } from './support/api';
import { snapshotDb } from './support/db';
import { TEST_DB } from './support/server';
import { beforeAll, describe, expect, it } from './support/fixtures';

let ann: TestUser;
let bob: TestUser;
let chatId: string;
let messageId: string;

const RUNS = 40;

beforeAll(async ({ api }) => {
  [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  const chat = await api.post(
    '/api/v1/chat/sessions',
    { type: 'GROUP', name: 'Fuzz', participantIds: [bob.id] },
    ann.token,
  );
  chatId = chat.body.chat.id;
  const sent = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'original' }, ann.token);
  messageId = sent.body.message.id;
});

function expectJsonError(res: ApiResponse, context: unknown) {
  const where = JSON.stringify(context)?.slice(0, 300);
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  expect(res.body?.error, where).toEqual({ code: expect.any(String), message: expect.any(String) });
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'content',
  'type',
  'name',
);
const hostileValue = fc.oneof(
  fc.constantFrom(
    1e308,
    -1,
    2 ** 53 + 1,
    0.5,
    true,
    null,
    '',
    ' ',
    '\u0000',
    '💥'.repeat(3),
    'x'.repeat(70_000),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ key: hostileKey, maxDepth: 2 }),
);

/**
 * Bodies the schema refuses: anything at all, valid-looking bodies with one
 * field replaced by a hostile value, and fields hidden behind `__proto__`.
 */
function invalidBody(schema: z.ZodType, valid: Record<string, unknown>) {
  const corrupted = fc
    .tuple(fc.constantFrom(...Object.keys(valid), '__proto__'), hostileValue)
    .map(([key, value]) => JSON.stringify({ ...valid, [key]: value }));
  const hidden = fc.constant(JSON.stringify({ ['__proto__']: valid }));
  const anything = fc
    .anything({ key: fc.oneof(fc.string(), hostileKey) })
    .map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof(anything, corrupted, hidden).filter((text) => !schema.safeParse(JSON.parse(text)).success);
}

describe(`malformed input on ${TEST_DB}`, () => {
  const writes = () =>
    [
      [
        'POST',
        '/api/v1/chat/sessions',
        createChatSchema,
        { type: 'GROUP', name: 'x', participantIds: [bob.id] },
      ],
      [
        'PUT',
        `/api/v1/chat/sessions/${chatId}`,
        updateChatSchema,
        { name: 'Renamed', addParticipantIds: [] },
      ],
      [
        'POST',
        `/api/v1/chat/sessions/${chatId}/messages`,
        sendMessageSchema,
        { content: 'hi', clientMessageId: 'c' },
      ],
      ['POST', `/api/v1/chat/sessions/${chatId}/read`, markReadSchema, { upToMessageId: messageId }],
      ['PUT', `/api/v1/chat/messages/${messageId}`, editMessageSchema, { content: 'edited' }],
    ] as const;

  it('refuses malformed JSON bodies on every write with a 4xx JSON error and stores nothing', async ({
    api,
    server,
  }) => {
    for (const [method, route, schema, valid] of writes()) {
      const before = await snapshotDb(server.database.prisma);
      await fc.assert(
        fc.asyncProperty(invalidBody(schema, valid), async (raw) => {
          expectJsonError(await api.request(method, route, { raw, token: ann.token }), {
            method,
            route,
            raw,
          });
        }),
        { numRuns: RUNS },
      );
      expect(await snapshotDb(server.database.prisma)).toEqual(before);
    }
  });

  it('refuses bodies that are not JSON, or not sent as JSON, on every write', async ({ api, server }) => {
    const before = await snapshotDb(server.database.prisma);
    for (const [method, route] of writes()) {
      for (const raw of ['', '{', '{"content": "x",}', 'null', '[]', '"text"', "{'content':'x'}"]) {
        expectJsonError(await api.request(method, route, { raw, token: ann.token }), { route, raw });
      }
      const text = await api.request(method, route, {
        raw: '{"content":"x"}',
        token: ann.token,
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
    }
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  });

  /** Query values that are not positive whole numbers, as zod coerces them. */
  const notPositiveInt = fc
    .string({ maxLength: 12 })
    .filter((s) => !(Number.isInteger(Number(s)) && Number(s) >= 1));
  const notSeq = fc
    .string({ maxLength: 12 })
    .filter((s) => !(Number.isInteger(Number(s)) && Number(s) >= 0 && Number(s) <= 2_147_483_647));
  const noise = fc.dictionary(
    fc.constantFrom('x', 'sort', '__proto__', 'constructor'),
    fc.string({ maxLength: 20 }),
    {
      maxKeys: 2,
    },
  );

  it('refuses bad query strings on every read with 400', async ({ api }) => {
    const reads: Array<[string, fc.Arbitrary<Record<string, string>>]> = [
      [
        '/api/v1/chat/sessions',
        fc.oneof(
          notPositiveInt.map((limit) => ({ limit })),
          fc.string({ minLength: 1 }).map((cursor) => ({ cursor })),
        ),
      ],
      [
        `/api/v1/chat/sessions/${chatId}/messages`,
        fc.oneof(
          notSeq.map((before) => ({ before })),
          notSeq.map((after) => ({ after })),
          notPositiveInt.map((limit) => ({ limit })),
          fc
            .tuple(fc.nat(), fc.nat())
            .map(([before, after]) => ({ before: String(before), after: String(after) })),
        ),
      ],
      [
        `/api/v1/chat/sessions/${chatId}/search`,
        fc.oneof(
          fc.constantFrom('', '   ', 'x'.repeat(201)).map((q) => ({ q })),
          notPositiveInt.map((limit) => ({ q: 'hello', limit })),
          fc.string({ minLength: 1, maxLength: 200 }).map((cursor) => ({ q: 'hello', cursor })),
        ),
      ],
      [
        '/api/v1/users/search',
        fc.oneof(
          fc.constantFrom('', '\t', 'x'.repeat(101)).map((q) => ({ q })),
          notPositiveInt.map((limit) => ({ q: 'ann', limit })),
        ),
      ],
    ];
    for (const [route, bad] of reads) {
      await fc.assert(
        fc.asyncProperty(bad, noise, async (params, extra) => {
          const query = new URLSearchParams({ ...extra, ...params }).toString();
          const res = await api.get(`${route}?${query}`, ann.token);
          expect(res.status, query).toBe(400);
          expectJsonError(res, { route, query });
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('answers ids that name nothing with 404 on every route with an id, never 500', async ({
    api,
    server,
  }) => {
    const before = await snapshotDb(server.database.prisma);
    const ids = fc
      .oneof(
        fc.uuid(),
        fc.stringMatching(/^[A-Za-z0-9_~-]{1,80}$/),
        fc.constantFrom('%00', '%20', "1'OR'1'='1"),
      )
      // Static routes beside [id]: /users/me and /users/search are real endpoints.
      .filter((id) => id !== 'me' && id !== 'search');
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        for (const [method, route, body] of [
          ['GET', `/api/v1/chat/sessions/${id}`],
          ['PUT', `/api/v1/chat/sessions/${id}`, { name: 'x' }],
          ['DELETE', `/api/v1/chat/sessions/${id}`],
          ['GET', `/api/v1/chat/sessions/${id}/messages`],
          ['POST', `/api/v1/chat/sessions/${id}/messages`, { content: 'x' }],
          ['POST', `/api/v1/chat/sessions/${id}/read`, {}],
          ['GET', `/api/v1/chat/sessions/${id}/unread`],
          ['GET', `/api/v1/chat/sessions/${id}/search?q=x`],
          ['GET', `/api/v1/chat/messages/${id}`],
          ['PUT', `/api/v1/chat/messages/${id}`, { content: 'x' }],
          ['DELETE', `/api/v1/chat/messages/${id}`],
          ['GET', `/api/v1/users/${id}`],
        ] as const) {
          const res = await api.request(method, route, { body, token: ann.token });
          expect(res.status, `${method} ${route}`).toBe(404);
          expectJsonError(res, route);
        }
      }),
      { numRuns: 15 },
    );
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
    expect((await api.get('/api/health')).status).toBe(200);
  });
});

describe('the API reference', () => {
  /** Every route handler under app/api/v1, as OpenAPI paths with their methods. */
  async function routes(): Promise<Array<[string, string]>> {
    const root = path.resolve('app/api/v1');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('route.ts'));
    const found: Array<[string, string]> = [];
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      const route = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, '{$1}');
      for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)) {
        found.push([route, (method ?? '').toLowerCase()]);
      }
    }
    return found;
  }

  it('serves an OpenAPI 3.1 document that covers every route, with every reference resolving', async ({
    api,
  }) => {
    const res = await api.get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const [route, method] of await routes()) {
      expect(doc.paths[route]?.[method], `${method.toUpperCase()} ${route}`).toMatchObject({
        summary: expect.any(String),
      });
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
    // Generated from the schemas the server validates with.
    // content may be left out of a media message (a caption); a text message's is checked by a refinement.
    expect(doc.components.schemas.SendMessageRequest.required).toBeUndefined();
    expect(doc.components.schemas.SendMessageRequest.properties.attachmentIds.maxItems).toBe(10);
    expect(doc.components.schemas.SendMessageRequest.properties.clientMessageId.maxLength).toBe(64);
    const send = doc.paths['/api/v1/chat/sessions/{id}/messages'].post;
    expect(Object.keys(send.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '404', '409', '413', '415']),
    );
  });

  it('renders a readable reference page with no third-party scripts', async ({ server }) => {
    const res = await fetch(`${server.url}/api-docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Chat API');
    expect(html).toContain('/api/v1/chat/sessions/{id}/messages');
    expect(html).toContain('Send a message');
    expect(html).toContain('SendMessageRequest');
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
  });
});
