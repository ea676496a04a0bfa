// Every REST operation in the OpenAPI document, fed hostile input in every
// body field, query parameter and path id: text with NUL, lone surrogates and
// RTL overrides, numbers past int4 and 2^53, floats, years 0 and 10000, bytes
// that are not UTF-8. Never a 5xx; text that cannot be stored is a 400
// VALIDATION; text that can is stored exactly; the server stays healthy.
import fc from 'fast-check';
import { ANALYTICS_METRICS } from '@/lib/validations/analytics';
import { type ApiResponse, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import {
  acceptableTime,
  cursorOf,
  hostileBodyBytes,
  hostileCursor,
  hostileNumber,
  hostilePathId,
  hostileQueryValue,
  hostileText,
  hostileTime,
  hostileValue,
  taggedFields,
  INT4_MAX,
  int4,
  queryString,
  unstorable,
} from './support/hostile';
import { DATABASE_AGNOSTIC_PASS, TEST_DB } from './support/server';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { multipartBody, upload } from './support/media';

let ann: TestUser;
let bob: TestUser;
let throwaway: TestUser;
/** Whose account the deletion cases try to delete with hostile passwords (none ever matches). */
let keeper: TestUser;
/** A platform admin (ADMIN_EMAILS), for the /api/v1/admin operations. */
let admin: TestUser;
let groupId: string;
let directId: string;
/** Ann's direct chat with the throwaway account, the one the close operation may close. */
let closableId: string;
let messageId: string;
/** A message of the throwaway account in closableId, and Ann's report of it. */
let reportedMessageId: string;
let fuzzReportId: string;
/** Media (issue 16): Bob's voice message to Ann, and unused uploads of Ann's, one per case that takes one. */
let voiceMessageId: string;
const pools: Record<'image' | 'profile' | 'groupPhoto', string[]> = {
  image: [],
  profile: [],
  groupPhoto: [],
};
const fresh = (pool: keyof typeof pools) => pools[pool].pop() ?? crypto.randomUUID();
/** Ann's upload to the group, for the media operation. */
let uploadId: string;
/** Ann's export of the group. */
let exportId: string;

const ADMIN_EMAIL = 'fuzz-admin@example.com';
it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL });

/**
 * Cases per operation: enough to meet every hostile kind several times
 * while the file, at 70-odd operations, stays within about two minutes on
 * a busy 2-core machine (at 60 it was the suite's slowest, 250 s). FUZZ_RUNS
 * raises it for a deeper run; sign-up and sign-in hash passwords, so fewer.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SLOW_RUNS = Math.ceil(RUNS / 4);
const SEED = Number(process.env.FUZZ_SEED ?? 22_05);

beforeAll(async ({ api, server }) => {
  [ann, bob, throwaway, keeper] = await Promise.all([
    api.register('Ann'),
    api.register('Bob'),
    api.register('Gone'),
    api.register('Keeper'),
  ]);
  groupId = await createGroup(api, ann, [bob], 'Fuzz');
  directId = await createDirect(api, ann, bob);
  closableId = await createDirect(api, ann, throwaway);
  const password = 'fuzz-admin-password';
  const registered = await api.post('/api/v1/auth/register', { email: ADMIN_EMAIL, password, name: 'Admin' });
  admin = {
    id: registered.body.user.id,
    name: 'Admin',
    email: ADMIN_EMAIL,
    password,
    token: registered.body.token,
  };
  const sent = await api.post(
    `/api/v1/chat/sessions/${groupId}/messages`,
    { content: 'fuzz target' },
    ann.token,
  );
  messageId = sent.body.message.id;
  const bad = await api.post(
    `/api/v1/chat/sessions/${closableId}/messages`,
    { content: 'report me' },
    throwaway.token,
  );
  reportedMessageId = bad.body.message.id;
  const report = {
    userId: throwaway.id,
    chatId: closableId,
    messageIds: [reportedMessageId],
    category: 'spam',
  };
  fuzzReportId = (await api.post('/api/v1/reports', report, ann.token)).body.report.id;
  // Upload rows as POST /api/v1/uploads leaves them; the bytes play no part in these operations.
  const uploadRow = (kind: 'IMAGE' | 'VOICE', chatId: string | null, purpose: 'MESSAGE' | 'AVATAR') => ({
    id: crypto.randomUUID(),
    uploaderId: kind === 'VOICE' ? bob.id : ann.id,
    chatId,
    purpose,
    kind,
    mime: kind === 'VOICE' ? 'audio/mp4' : 'image/png',
    size: 100,
    name: 'fuzz',
    storageKey: `fuzz/${crypto.randomUUID()}`,
  });
  const seeded = [
    ...Array.from({ length: RUNS }, () => uploadRow('IMAGE', groupId, 'MESSAGE')),
    ...Array.from({ length: RUNS }, () => uploadRow('IMAGE', null, 'AVATAR')),
    ...Array.from({ length: RUNS }, () => uploadRow('IMAGE', groupId, 'AVATAR')),
  ];
  const voice = uploadRow('VOICE', directId, 'MESSAGE');
  await server.database.prisma.upload.createMany({ data: [...seeded, voice] });
  const ids = (i: number) => seeded.slice(i * RUNS, (i + 1) * RUNS).map((u) => u.id);
  Object.assign(pools, { image: ids(0), profile: ids(1), groupPhoto: ids(2) });
  const voiceMessage = await api.post(
    `/api/v1/chat/sessions/${directId}/messages`,
    { type: 'VOICE', attachmentIds: [voice.id] },
    bob.token,
  );
  voiceMessageId = voiceMessage.body.message.id;
  uploadId = (await upload(api, { token: ann.token, chatId: groupId, file: Buffer.from('fuzz media') })).body
    .upload.id;
  exportId = (await api.post('/api/v1/exports', { scope: 'chat', chatId: groupId }, ann.token)).body.export
    .id;
});

/** One request, and what its text fields hold, for the oracle. */
interface Case {
  method: string;
  path: string;
  body?: unknown;
  raw?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  token?: string;
  /** Strings sent (top-level body fields, decoded query values with NUL): any unstorable one is a 400. */
  texts?: string[];
  /** Every body field came from its own generator, so the request is valid when its text is storable. */
  own?: boolean;
  /** The text to find in the answer of such a request, and where it is. */
  stored?: { text: string; from: (res: ApiResponse) => unknown };
  /** A number past its bounds or a time outside 1970–9999 (in a query or a cursor): a 400 whatever else. */
  outOfRange?: boolean;
}

function expectSafe(res: ApiResponse, c: Case) {
  const where = JSON.stringify({ ...c, raw: c.raw && [...c.raw], status: res.status, body: res.body });
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error, where).toEqual({ code: expect.any(String), message: expect.any(String) });
  }
  if (c.outOfRange || c.texts?.some(unstorable)) {
    expect(res.status, where).toBe(400);
    expect(res.body.error.code, where).toBe('VALIDATION');
  } else if (c.own && c.stored) {
    expect(res.status, where).toBeLessThan(300);
    expect(c.stored.from(res), where).toBe(c.stored.text);
  }
}

type BodyCase = Pick<Case, 'body' | 'raw' | 'texts' | 'own'>;

/** A body with each field from its generator or hostile, or junk, or bytes that are not UTF-8. */
function body(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<BodyCase> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: taggedFields(fields).map((picked) => {
        const b = Object.fromEntries(Object.entries(picked).map(([k, v]) => [k, v.value]));
        const texts = Object.values(b).filter((v): v is string => typeof v === 'string');
        return { body: b, texts, own: Object.values(picked).every((v) => v.own) };
      }),
    },
    { weight: 1, arbitrary: fc.anything().map((b) => ({ body: b ?? null, texts: [] })) },
    { weight: 1, arbitrary: hostileBodyBytes.map((raw) => ({ raw })) },
  );
}

/** The text a valid body sent in `field`, to find in the answer. */
function storedField(b: BodyCase, field: string, from: (res: ApiResponse) => unknown, trim = false) {
  const value = (b.body as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' ? { text: trim ? value.trim() : value, from } : undefined;
}

/** A query string of hostile values; decoded NULs must be refused. */
function query(
  params: Record<string, fc.Arbitrary<string | { raw: string }>>,
): fc.Arbitrary<Pick<Case, 'texts'> & { qs: string }> {
  const values = Object.fromEntries(
    Object.entries(params).map(([name, arb]) => [
      name,
      fc.option(fc.oneof(arb, hostileQueryValue), { nil: undefined }),
    ]),
  );
  return fc.record(values).map((picked) => {
    const present = Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | { raw: string }
    >;
    // Lone surrogates cannot travel in a URL (they go as U+FFFD); a NUL can, as %00.
    const texts = Object.values(present).filter(
      (v): v is string => typeof v === 'string' && v.includes('\u0000'),
    );
    return { qs: queryString(present), texts };
  });
}

/** Values known only once the server runs (ids, tokens), read when a case is generated. */
const later = <T>(get: () => T) => fc.constant(null).map(get);
/** A path id: the real one or a hostile one. */
const id = (get: () => string) => fc.oneof(later(get), hostilePathId);
const numberText = fc.oneof(hostileNumber, int4).map(String);
/** A reaction's path segment: an emoji, or hostile text percent-encoded (bytes that are not UTF-8 for lone surrogates). */
const emojiSegment = fc.oneof(
  fc.constantFrom('👍', '❤', '❤️', '🫠', '👨‍👩‍👧‍👦').map(encodeURIComponent),
  hostileText().map((t) => {
    try {
      return encodeURIComponent(t);
    } catch {
      return '%ED%A0%80';
    }
  }),
  hostilePathId,
);
/** In min..2^31−1, as the server reads a number or its text. */
const isInt4 = (value: string | number, min = 0) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= INT4_MAX;
};

/**
 * An admin operation's body as the admin, or as Ann, for whom the operation
 * does not exist whatever the body (so her cases carry no text for the oracle
 * to expect a 400 on).
 */
function asAdminOrAnn(b: BodyCase, asAdmin: boolean): Partial<Case> {
  return asAdmin ? { ...b, token: admin.token } : { body: b.body, raw: b.raw, token: ann.token };
}

/** Every operation of the OpenAPI document: `METHOD path` → generated cases and how many. */
const operations: Record<string, [fc.Arbitrary<Case>, number]> = {
  'POST /api/v1/auth/register': [
    body({
      email: fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@example.com`),
      password: fc.constant('a long passphrase'),
      name: hostileText(),
    }).map((b) => ({
      method: 'POST',
      path: '/api/v1/auth/register',
      ...b,
      stored: storedField(b, 'name', (res) => res.body?.user?.name, true),
    })),
    SLOW_RUNS,
  ],
  'POST /api/v1/auth/token': [
    body({ email: fc.constant('fuzz@example.com'), password: hostileText() }).map((b) => ({
      method: 'POST',
      path: '/api/v1/auth/token',
      ...b,
      // Sign-in never says what a password may hold: it matches or not (401).
      texts: (b.texts ?? []).filter((t) => t !== (b.body as { password?: unknown } | null)?.password),
    })),
    SLOW_RUNS,
  ],
  'POST /api/v1/auth/revoke': [
    fc
      .tuple(
        body({ x: hostileValue }),
        later(() => throwaway.token),
      )
      .map(([b, token]) => ({
        method: 'POST',
        path: '/api/v1/auth/revoke',
        ...b,
        texts: [],
        token,
      })),
    5,
  ],
  // A password never says what it may hold: it matches (never, here) or it is a 401.
  'DELETE /api/v1/users/me': [
    fc
      .tuple(
        body({ password: hostileText() }),
        later(() => keeper.token),
      )
      .map(([b, token]) => ({
        method: 'DELETE',
        path: '/api/v1/users/me',
        ...b,
        texts: (b.texts ?? []).filter((t) => t !== (b.body as { password?: unknown } | null)?.password),
        token,
      })),
    SLOW_RUNS,
  ],
  'GET /api/v1/users/me': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({ method: 'GET', path: `/api/v1/users/me?${qs}` })),
    RUNS,
  ],
  'GET /api/v1/openapi.json': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({ method: 'GET', path: `/api/v1/openapi.json?${qs}` })),
    30,
  ],
  'GET /api/v1/chat/sessions': [
    fc.oneof(
      query({ cursor: hostileCursor({ at: hostileTime, id: fc.uuid() }), limit: numberText }).map(
        ({ qs, texts }) => ({ method: 'GET', path: `/api/v1/chat/sessions?${qs}`, texts }),
      ),
      // A cursor of the right shape with a time in or out of range.
      fc
        .tuple(
          hostileTime,
          later(() => groupId),
        )
        .map(([at, chat]) => ({
          method: 'GET',
          path: `/api/v1/chat/sessions?cursor=${cursorOf({ at, id: chat })}`,
          outOfRange: !acceptableTime(at),
        })),
    ),
    RUNS,
  ],
  'POST /api/v1/chat/sessions': [
    fc
      .oneof(
        body({ type: fc.constant('DIRECT'), targetUserId: later(() => bob.id) }),
        body({
          type: fc.constant('GROUP'),
          name: hostileText(),
          description: fc.option(hostileText(), { nil: undefined }),
          avatarUrl: fc.constantFrom('https://cdn.example/a.png', undefined),
          participantIds: later(() => [bob.id]),
        }),
      )
      .map((b) => ({
        method: 'POST',
        path: '/api/v1/chat/sessions',
        ...b,
        stored: storedField(b, 'name', (res) => res.body?.chat?.name, true),
      })),
    RUNS,
  ],
  'GET /api/v1/chat/sessions/{id}': [
    fc
      .tuple(
        id(() => groupId),
        query({ x: hostileQueryValue }),
      )
      .map(([chat, { qs }]) => ({
        method: 'GET',
        path: `/api/v1/chat/sessions/${chat}?${qs}`,
      })),
    RUNS,
  ],
  'PUT /api/v1/chat/sessions/{id}': [
    fc
      .tuple(
        id(() => groupId),
        body({
          name: hostileText(),
          description: fc.oneof(hostileText(), fc.constant(null)),
          addParticipantIds: fc.constant([]),
          roles: later(() => [{ userId: bob.id, role: 'MEMBER' }]),
        }),
      )
      .map(([chat, b]) => ({
        method: 'PUT',
        path: `/api/v1/chat/sessions/${chat}`,
        ...b,
        stored: chat === groupId ? storedField(b, 'name', (res) => res.body?.chat?.name, true) : undefined,
      })),
    RUNS,
  ],
  // The group's photo from Ann's uploads; the same fields as PUT otherwise.
  'PATCH /api/v1/chat/sessions/{id}': [
    fc
      .tuple(
        id(() => groupId),
        body({
          name: hostileText(),
          avatarUploadId: fc.oneof(
            later(() => fresh('groupPhoto')),
            fc.constant(null),
          ),
        }),
      )
      .map(([chat, b]) => ({
        method: 'PATCH',
        path: `/api/v1/chat/sessions/${chat}`,
        ...b,
        stored: chat === groupId ? storedField(b, 'name', (res) => res.body?.chat?.name, true) : undefined,
      })),
    RUNS,
  ],
  'PATCH /api/v1/users/me': [
    body({
      avatarUploadId: fc.oneof(
        later(() => fresh('profile')),
        fc.constant(null),
      ),
    }).map((b) => ({ method: 'PATCH', path: '/api/v1/users/me', ...b })),
    RUNS,
  ],
  // Profile text: plain, trimmed, no control characters (a bio may break lines).
  'PATCH /api/v1/users/me (profile text)': [
    body({
      name: hostileText({ maxLength: 100 }),
      bio: fc.oneof(hostileText({ maxLength: 200 }), fc.constant(null)),
      pronouns: fc.oneof(hostileText({ maxLength: 50 }), fc.constant(null)),
    }).map((b) => ({ method: 'PATCH', path: '/api/v1/users/me', ...b })),
    RUNS,
  ],
  // Ann listens to Bob's voice message; the body is not read.
  'POST /api/v1/chat/messages/{id}/played': [
    fc
      .tuple(
        id(() => voiceMessageId),
        body({ x: hostileValue }),
      )
      .map(([message, b]) => ({
        method: 'POST',
        path: `/api/v1/chat/messages/${message}/played`,
        ...b,
        texts: [],
      })),
    RUNS,
  ],
  // Ann reacts to her group message, or takes it back: one emoji, hostile text or bytes in its place.
  'PUT /api/v1/chat/messages/{id}/reactions/{emoji}': [
    fc
      .tuple(
        id(() => messageId),
        emojiSegment,
      )
      .map(([message, emoji]) => ({
        method: 'PUT',
        path: `/api/v1/chat/messages/${message}/reactions/${emoji}`,
      })),
    RUNS,
  ],
  'DELETE /api/v1/chat/messages/{id}/reactions/{emoji}': [
    fc
      .tuple(
        id(() => messageId),
        emojiSegment,
      )
      .map(([message, emoji]) => ({
        method: 'DELETE',
        path: `/api/v1/chat/messages/${message}/reactions/${emoji}`,
      })),
    RUNS,
  ],
  // On the direct chat: deleting hides it for Ann, who can still use it.
  'DELETE /api/v1/chat/sessions/{id}': [
    fc
      .tuple(
        id(() => directId),
        query({ forEveryone: fc.constantFrom('false', 'true') }),
      )
      .map(([chat, { qs, texts }]) => ({
        method: 'DELETE',
        path: `/api/v1/chat/sessions/${chat}?${qs}`,
        texts,
      })),
    RUNS,
  ],
  'GET /api/v1/chat/sessions/{id}/messages': [
    fc.oneof(
      fc
        .tuple(
          id(() => groupId),
          query({ before: numberText, after: numberText, limit: numberText }),
        )
        .map(([chat, { qs, texts }]) => ({
          method: 'GET',
          path: `/api/v1/chat/sessions/${chat}/messages?${qs}`,
          texts,
        })),
      // Numbers alone, so the oracle knows which are out of range.
      fc
        .tuple(
          fc.record({ before: numberText, after: numberText, limit: numberText }, { requiredKeys: [] }),
          later(() => groupId),
        )
        .map(([q, chat]) => ({
          method: 'GET',
          path: `/api/v1/chat/sessions/${chat}/messages?${new URLSearchParams(q)}`,
          outOfRange:
            [q.before, q.after].some((n) => n !== undefined && !isInt4(n)) ||
            (q.limit !== undefined && !isInt4(q.limit, 1)),
        })),
    ),
    RUNS,
  ],
  'POST /api/v1/chat/sessions/{id}/messages': [
    fc
      .tuple(
        id(() => groupId),
        fc.oneof(
          body({
            content: hostileText({ maxLength: 200 }),
            type: fc.constant('TEXT'),
            clientMessageId: fc.option(fc.uuid(), { nil: undefined }),
            replyToId: fc.option(
              later(() => messageId),
              { nil: undefined },
            ),
            // Always confirmed: words the baseline flags in random text are stored, not asked about.
            confirmed: fc.constant(true),
          }),
          // A photo with a caption: each case attaches an upload of its own.
          body({
            content: hostileText({ maxLength: 200 }),
            type: fc.constant('IMAGE'),
            attachmentIds: later(() => [fresh('image')]),
            clientMessageId: fc.option(fc.uuid(), { nil: undefined }),
            confirmed: fc.constant(true),
          }),
        ),
      )
      .map(([chat, b]) => ({
        method: 'POST',
        path: `/api/v1/chat/sessions/${chat}/messages`,
        ...b,
        stored: chat === groupId ? storedField(b, 'content', (res) => res.body?.message?.content) : undefined,
      })),
    RUNS,
  ],
  // Mentions: hostile ranges and ids, mostly refused (400), never a 5xx.
  'POST /api/v1/chat/sessions/{id}/messages (mentions)': [
    body({
      content: hostileText({ maxLength: 200 }),
      mentions: fc.array(
        fc.record({
          userId: fc.oneof(
            later(() => bob.id),
            fc.uuid(),
            hostileText({ maxLength: 40 }),
          ),
          offset: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.double()),
          length: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.constant(2 ** 31)),
        }),
        { maxLength: 25 },
      ),
      confirmed: fc.constant(true),
    }).map((b) => ({ method: 'POST', path: `/api/v1/chat/sessions/${groupId}/messages`, ...b })),
    RUNS,
  ],
  'POST /api/v1/chat/sessions/{id}/read': [
    fc
      .tuple(
        id(() => groupId),
        body({ upToMessageId: later(() => messageId) }),
      )
      .map(([chat, b]) => ({ method: 'POST', path: `/api/v1/chat/sessions/${chat}/read`, ...b })),
    RUNS,
  ],
  'GET /api/v1/chat/sessions/{id}/unread': [
    fc
      .tuple(
        id(() => groupId),
        query({ x: hostileQueryValue }),
      )
      .map(([chat, { qs }]) => ({
        method: 'GET',
        path: `/api/v1/chat/sessions/${chat}/unread?${qs}`,
      })),
    RUNS,
  ],
  'GET /api/v1/chat/sessions/{id}/search': [
    fc
      .tuple(
        id(() => groupId),
        query({
          q: hostileText(),
          cursor: hostileCursor({
            rank: fc.oneof(hostileNumber, fc.double({ min: 0, max: 1, noNaN: true })),
            seq: fc.oneof(hostileNumber, int4),
          }),
          limit: numberText,
        }),
      )
      .map(([chat, { qs, texts }]) => ({
        method: 'GET',
        path: `/api/v1/chat/sessions/${chat}/search?${qs}`,
        texts,
      })),
    RUNS,
  ],
  'GET /api/v1/chat/sessions/{id}/search (cursors)': [
    // A cursor of the right shape with a seq in or out of int4.
    fc
      .tuple(
        fc.oneof(int4, hostileNumber),
        later(() => groupId),
      )
      .map(([seq, chat]) => ({
        method: 'GET',
        path: `/api/v1/chat/sessions/${chat}/search?q=fuzz&cursor=${cursorOf({ rank: 0.5, seq })}`,
        outOfRange: !isInt4(seq),
      })),
    RUNS / 2,
  ],
  'GET /api/v1/chat/messages/{id}': [
    fc
      .tuple(
        id(() => messageId),
        query({ x: hostileQueryValue }),
      )
      .map(([message, { qs }]) => ({
        method: 'GET',
        path: `/api/v1/chat/messages/${message}?${qs}`,
      })),
    RUNS,
  ],
  'PUT /api/v1/chat/messages/{id}': [
    fc
      .tuple(
        id(() => messageId),
        body({ content: hostileText({ maxLength: 200 }), confirmed: fc.constant(true) }),
      )
      .map(([message, b]) => ({
        method: 'PUT',
        path: `/api/v1/chat/messages/${message}`,
        ...b,
        stored:
          message === messageId ? storedField(b, 'content', (res) => res.body?.message?.content) : undefined,
      })),
    RUNS,
  ],
  // Hostile ids only: deleting the target would end the edits above.
  'DELETE /api/v1/chat/messages/{id}': [
    hostilePathId.map((message) => ({ method: 'DELETE', path: `/api/v1/chat/messages/${message}` })),
    RUNS,
  ],
  'DELETE /api/v1/chat/messages/{id} (for me)': [
    // Hides the real target for Ann only: her edits and forwards of it still work.
    id(() => messageId).map((message) => ({
      method: 'DELETE',
      path: `/api/v1/chat/messages/${message}?forEveryone=false`,
    })),
    RUNS,
  ],
  'GET /api/v1/users/search': [
    query({ q: hostileText(), limit: numberText }).map(({ qs, texts }) => ({
      method: 'GET',
      path: `/api/v1/users/search?${qs}`,
      texts,
    })),
    RUNS,
  ],
  'GET /api/v1/users/{id}': [
    fc
      .tuple(
        id(() => bob.id),
        query({ x: hostileQueryValue }),
      )
      .map(([user, { qs }]) => ({
        method: 'GET',
        path: `/api/v1/users/${user}?${qs}`,
      })),
    RUNS,
  ],
  'GET /api/v1/users/{id}/shared-chats': [
    fc
      .tuple(
        id(() => bob.id),
        query({ x: hostileQueryValue }),
      )
      .map(([user, { qs }]) => ({
        method: 'GET',
        path: `/api/v1/users/${user}/shared-chats?${qs}`,
      })),
    RUNS,
  ],
  // Ann blocks the throwaway account, so nothing else here is blocked.
  'GET /api/v1/blocks': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({ method: 'GET', path: `/api/v1/blocks?${qs}` })),
    RUNS,
  ],
  'POST /api/v1/blocks': [
    body({ userId: later(() => throwaway.id) }).map((b) => ({
      method: 'POST',
      path: '/api/v1/blocks',
      ...b,
    })),
    RUNS,
  ],
  'DELETE /api/v1/blocks/{userId}': [
    id(() => throwaway.id).map((user) => ({ method: 'DELETE', path: `/api/v1/blocks/${user}` })),
    RUNS,
  ],
  'POST /api/v1/chat/sessions/{id}/close': [
    id(() => closableId).map((chat) => ({ method: 'POST', path: `/api/v1/chat/sessions/${chat}/close` })),
    RUNS,
  ],
  // As the admin, and as Ann, for whom the operations do not exist whatever
  // the body (so her cases carry no text for the oracle to expect a 400 on).
  ...Object.fromEntries(
    ['POST', 'DELETE'].map((method) => [
      `${method} /api/v1/admin/matches`,
      [
        fc
          .tuple(body({ userIdA: later(() => bob.id), userIdB: later(() => throwaway.id) }), fc.boolean())
          .map(([b, asAdmin]) => ({
            method,
            path: '/api/v1/admin/matches',
            ...(asAdmin ? { ...b, token: admin.token } : { body: b.body, raw: b.raw, token: ann.token }),
          })),
        RUNS,
      ],
    ]),
  ),
  // Reports are about the throwaway account (whom Ann blocks anyway); past
  // REPORTS_PER_DAY valid ones are a 429, which the oracle allows.
  'POST /api/v1/reports': [
    body({
      userId: later(() => throwaway.id),
      chatId: later(() => closableId),
      messageIds: later(() => [reportedMessageId]),
      category: fc.constantFrom('spam', 'harassment', 'underage', 'other'),
      note: hostileText({ maxLength: 200 }),
      alsoBlock: fc.boolean(),
    }).map((b) => ({ method: 'POST', path: '/api/v1/reports', ...b })),
    RUNS,
  ],
  'GET /api/v1/reports': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/reports?${qs}`,
    })),
    RUNS,
  ],
  'GET /api/v1/users/me/notices': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/users/me/notices?${qs}`,
    })),
    RUNS,
  ],
  'POST /api/v1/users/me/notices/read': [
    body({ x: hostileValue }).map((b) => ({
      method: 'POST',
      path: '/api/v1/users/me/notices/read',
      ...b,
      texts: [],
    })),
    RUNS,
  ],
  'GET /api/v1/admin/reports': [
    fc.oneof(
      fc
        .tuple(
          query({
            status: fc.constantFrom('open', 'all', 'actioned', 'closed'),
            cursor: hostileCursor({ p: fc.oneof(hostileNumber, int4), at: hostileTime, id: fc.uuid() }),
            limit: numberText,
          }),
          fc.boolean(),
        )
        .map(([{ qs, texts }, asAdmin]) => ({
          method: 'GET',
          path: `/api/v1/admin/reports?${qs}`,
          ...(asAdmin ? { texts, token: admin.token } : { token: ann.token }),
        })),
      // A cursor of the right shape with a priority or a time in or out of range.
      fc.tuple(fc.oneof(int4, hostileNumber), hostileTime, fc.uuid()).map(([p, at, id]) => ({
        method: 'GET',
        path: `/api/v1/admin/reports?cursor=${cursorOf({ p, at, id })}`,
        token: admin.token,
        outOfRange: !isInt4(p) || !acceptableTime(at),
      })),
    ),
    RUNS,
  ],
  'GET /api/v1/admin/reports/{id}': [
    fc
      .tuple(
        id(() => fuzzReportId),
        fc.boolean(),
      )
      .map(([report, asAdmin]) => ({
        method: 'GET',
        path: `/api/v1/admin/reports/${report}`,
        token: asAdmin ? admin.token : ann.token,
      })),
    RUNS,
  ],
  'POST /api/v1/admin/reports/{id}/decision': [
    fc
      .tuple(
        id(() => fuzzReportId),
        body({
          action: fc.constantFrom('dismiss', 'warn', 'delete_messages'),
          reason: hostileText({ maxLength: 200 }),
        }),
        fc.boolean(),
      )
      .map(([report, b, asAdmin]) => ({
        method: 'POST',
        path: `/api/v1/admin/reports/${report}/decision`,
        ...asAdminOrAnn(b, asAdmin),
      })),
    RUNS,
  ],
  'POST /api/v1/admin/users/{id}/lift': [
    fc
      .tuple(
        id(() => throwaway.id),
        body({ reason: hostileText({ maxLength: 200 }) }),
        fc.boolean(),
      )
      .map(([user, b, asAdmin]) => ({
        method: 'POST',
        path: `/api/v1/admin/users/${user}/lift`,
        ...asAdminOrAnn(b, asAdmin),
      })),
    RUNS,
  ],
  'GET /api/v1/admin/audit': [
    fc.oneof(
      fc
        .tuple(
          query({ cursor: hostileCursor({ at: hostileTime, id: fc.uuid() }), limit: numberText }),
          fc.boolean(),
        )
        .map(([{ qs, texts }, asAdmin]) => ({
          method: 'GET',
          path: `/api/v1/admin/audit?${qs}`,
          ...(asAdmin ? { texts, token: admin.token } : { token: ann.token }),
        })),
      fc.tuple(hostileTime, fc.uuid()).map(([at, id]) => ({
        method: 'GET',
        path: `/api/v1/admin/audit?cursor=${cursorOf({ at, id })}`,
        token: admin.token,
        outOfRange: !acceptableTime(at),
      })),
    ),
    RUNS,
  ],
  'GET /api/v1/admin/users': [
    fc
      .tuple(query({ q: hostileText(), limit: numberText }), fc.boolean())
      .map(([{ qs, texts }, asAdmin]) => ({
        method: 'GET',
        path: `/api/v1/admin/users?${qs}`,
        ...(asAdmin ? { texts, token: admin.token } : { token: ann.token }),
      })),
    RUNS,
  ],
  'GET /api/v1/admin/analytics': [
    fc
      .tuple(
        query({
          metric: fc.constantFrom(...ANALYTICS_METRICS),
          from: fc.oneof(
            fc.constantFrom('2026-01-01', '2026-12-01', '1969-12-31', '2026-02-30'),
            hostileText(),
          ),
          to: fc.oneof(fc.constantFrom('2026-12-04', '9999-12-31', '2026-1-1'), numberText),
          bucket: fc.oneof(fc.constantFrom('day', 'week'), hostileText()),
        }),
        fc.boolean(),
      )
      .map(([{ qs, texts }, asAdmin]) => ({
        method: 'GET',
        path: `/api/v1/admin/analytics?${qs}`,
        ...(asAdmin ? { texts, token: admin.token } : { token: ann.token }),
      })),
    RUNS,
  ],
  'GET /api/v1/admin/moderators': [
    fc.tuple(query({ x: hostileQueryValue }), fc.boolean()).map(([{ qs }, asAdmin]) => ({
      method: 'GET',
      path: `/api/v1/admin/moderators?${qs}`,
      token: asAdmin ? admin.token : ann.token,
    })),
    RUNS,
  ],
  'GET /api/v1/users/me/hidden-words': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/users/me/hidden-words?${qs}`,
    })),
    RUNS,
  ],
  'PUT /api/v1/users/me/hidden-words': [
    fc
      .oneof(
        body({ words: fc.array(hostileText(), { maxLength: 5 }) }),
        // Words inside the list are strings too, storable or not.
        fc
          .array(hostileText(), { minLength: 1, maxLength: 5 })
          .map((words) => ({ body: { words }, texts: words })),
      )
      .map((b) => ({ method: 'PUT', path: '/api/v1/users/me/hidden-words', ...b })),
    RUNS,
  ],
  // As the admin, and as Ann, for whom the word list does not exist (404).
  'GET /api/v1/admin/words': [
    fc.tuple(query({ x: hostileQueryValue }), fc.boolean()).map(([{ qs }, asAdmin]) => ({
      method: 'GET',
      path: `/api/v1/admin/words?${qs}`,
      token: asAdmin ? admin.token : ann.token,
    })),
    RUNS,
  ],
  'POST /api/v1/admin/moderators': [
    fc.tuple(body({ userId: later(() => throwaway.id) }), fc.boolean()).map(([b, asAdmin]) => ({
      method: 'POST',
      path: '/api/v1/admin/moderators',
      ...asAdminOrAnn(b, asAdmin),
    })),
    RUNS,
  ],
  'DELETE /api/v1/admin/moderators/{userId}': [
    fc
      .tuple(
        id(() => throwaway.id),
        fc.boolean(),
      )
      .map(([user, asAdmin]) => ({
        method: 'DELETE',
        path: `/api/v1/admin/moderators/${user}`,
        token: asAdmin ? admin.token : ann.token,
      })),
    RUNS,
  ],
  'POST /api/v1/admin/words': [
    // Flag only: a random blocked word could refuse the sends fuzzed above in a later run of the file.
    body({ word: hostileText({ maxLength: 64 }), action: fc.constant('flag') }).map((b) => ({
      method: 'POST',
      path: '/api/v1/admin/words',
      ...b,
      token: admin.token,
    })),
    RUNS,
  ],
  // Multipart fields from their generators or hostile; the file's name is
  // cleaned rather than refused (checked at the end), so only the fields
  // count as texts. Text travels as UTF-8: a lone surrogate arrives as U+FFFD.
  'POST /api/v1/uploads': [
    fc
      .oneof(
        {
          weight: 8,
          arbitrary: fc
            .tuple(
              taggedFields({
                chatId: later(() => groupId),
                kind: fc.constantFrom(undefined, 'voice'),
                purpose: fc.constantFrom(undefined, 'message'),
              }),
              hostileText({ maxLength: 300 }),
              fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
              fc.boolean(),
            )
            .map(([picked, name, bytes, fieldsAfterFile]) => {
              const fields = Object.entries(picked)
                .filter(([, v]) => v.value !== undefined)
                .map(([k, v]) => [k, String(v.value)] as [string, string]);
              const file = bytes && { name, bytes: Buffer.concat([Buffer.from('fuzz:'), bytes]) };
              const { contentType, body } = multipartBody(fields, file, { fieldsAfterFile });
              // Voice would have to decode as sound, and these bytes never do; a part's
              // headers cannot carry control characters (browsers escape only ", CR and LF).
              const valid =
                file &&
                !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(name) &&
                picked.kind?.value !== 'voice' &&
                Object.values(picked).every((v) => v.own);
              return {
                raw: body,
                headers: { 'content-type': contentType },
                // Only NUL survives the trip as text that cannot be stored.
                texts: fields.map(([, v]) => v).filter((v) => v.includes('\u0000')),
                own: Boolean(valid),
                stored: valid
                  ? {
                      text: String(file.bytes.length),
                      from: (res: ApiResponse) => String(res.body?.upload?.size),
                    }
                  : undefined,
              };
            }),
        },
        {
          weight: 1,
          arbitrary: hostileBodyBytes.map((raw) => ({
            raw,
            headers: { 'content-type': 'multipart/form-data; boundary=x' },
          })),
        },
        // Not multipart at all: 415 whatever it holds.
        { weight: 1, arbitrary: body({ chatId: later(() => groupId) }).map((b) => ({ ...b, texts: [] })) },
      )
      .map((c) => ({ method: 'POST', path: '/api/v1/uploads', ...c })),
    RUNS,
  ],
  'GET /api/v1/media/{id}': [
    fc
      .tuple(
        id(() => uploadId),
        query({ variant: fc.constantFrom('thumbnail', 'original') }),
      )
      .map(([media, { qs, texts }]) => ({ method: 'GET', path: `/api/v1/media/${media}?${qs}`, texts })),
    RUNS,
  ],
  'DELETE /api/v1/admin/words/{id}': [
    hostilePathId.map((word) => ({
      method: 'DELETE',
      path: `/api/v1/admin/words/${word}`,
      token: admin.token,
    })),
    RUNS,
  ], // Notifications (lib/push). Subscribe calls past the hourly budget are 429,
  // which the oracle takes as well as the 400 of a refused endpoint.
  'GET /api/v1/push/vapid-public-key': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/push/vapid-public-key?${qs}`,
    })),
    RUNS,
  ],
  'POST /api/v1/push/subscriptions': [
    body({
      endpoint: fc.oneof(hostileText(), fc.constant('https://fcm.googleapis.com/fcm/send/fuzz')),
      keys: fc.oneof(hostileValue, fc.record({ p256dh: hostileText(), auth: hostileText() })),
    }).map((b) => ({ method: 'POST', path: '/api/v1/push/subscriptions', ...b })),
    RUNS,
  ],
  'DELETE /api/v1/push/subscriptions': [
    body({ endpoint: hostileText() }).map((b) => ({
      method: 'DELETE',
      path: '/api/v1/push/subscriptions',
      ...b,
    })),
    RUNS,
  ],
  'GET /api/v1/push/unread': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({ method: 'GET', path: `/api/v1/push/unread?${qs}` })),
    RUNS,
  ],
  'GET /api/v1/users/me/notifications': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/users/me/notifications?${qs}`,
    })),
    RUNS,
  ],
  'PATCH /api/v1/users/me/notifications': [
    body({
      preview: fc.oneof(fc.constantFrom('full', 'sender', 'none'), hostileText()),
      quietHours: fc.oneof(
        fc.constant(null),
        hostileValue,
        fc.record({
          start: hostileText(),
          end: hostileText(),
          timeZone: hostileText(),
          allowDirectChats: fc.boolean(),
        }),
      ),
    }).map((b) => ({ method: 'PATCH', path: '/api/v1/users/me/notifications', ...b })),
    RUNS,
  ],
  // Issue 20: privacy settings (Ann's own) and group invitations (none of them hers: 404s).
  'GET /api/v1/users/me/settings': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/users/me/settings?${qs}`,
    })),
    RUNS,
  ],
  'PATCH /api/v1/users/me/settings': [
    body({
      readReceipts: fc.oneof(fc.boolean(), hostileValue),
      lastSeen: fc.oneof(fc.constantFrom('everyone', 'chats', 'nobody'), hostileText()),
      typingIndicator: fc.oneof(fc.boolean(), hostileValue),
      groupInvites: fc.oneof(fc.constantFrom('everyone', 'chats', 'nobody'), hostileText()),
      linkPreviews: fc.oneof(fc.boolean(), hostileValue),
    }).map((b) => ({ method: 'PATCH', path: '/api/v1/users/me/settings', ...b })),
    RUNS,
  ],
  'GET /api/v1/users/me/invitations': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({
      method: 'GET',
      path: `/api/v1/users/me/invitations?${qs}`,
    })),
    RUNS,
  ],
  'POST /api/v1/users/me/invitations/{id}/accept': [
    id(() => crypto.randomUUID()).map((invitation) => ({
      method: 'POST',
      path: `/api/v1/users/me/invitations/${invitation}/accept`,
    })),
    RUNS,
  ],
  'POST /api/v1/users/me/invitations/{id}/decline': [
    id(() => crypto.randomUUID()).map((invitation) => ({
      method: 'POST',
      path: `/api/v1/users/me/invitations/${invitation}/decline`,
    })),
    RUNS,
  ],
  'PUT /api/v1/chat/sessions/{id}/mute': [
    fc
      .tuple(
        id(() => groupId),
        body({ until: fc.oneof(fc.constant('always'), hostileTime, hostileText()) }),
      )
      .map(([chat, b]) => ({ method: 'PUT', path: `/api/v1/chat/sessions/${chat}/mute`, ...b })),
    RUNS,
  ],
  // Issue 20: disappearing messages (Ann is the group's admin) and forward.
  'PUT /api/v1/chat/sessions/{id}/disappearing': [
    fc
      .tuple(
        id(() => groupId),
        body({
          disappearAfterSeconds: fc.oneof(fc.constant(null), fc.constantFrom(86_400, 604_800), hostileNumber),
        }),
      )
      .map(([chat, b]) => ({
        method: 'PUT',
        path: `/api/v1/chat/sessions/${chat}/disappearing`,
        ...b,
        texts: [],
      })),
    RUNS,
  ],
  'POST /api/v1/chat/messages/{id}/forward': [
    fc
      .tuple(
        id(() => messageId),
        body({
          chatId: fc.oneof(
            later(() => groupId),
            hostileValue,
          ),
          confirmed: fc.constant(true),
        }),
      )
      .map(([message, b]) => ({
        method: 'POST',
        path: `/api/v1/chat/messages/${message}/forward`,
        ...b,
        texts: [],
      })),
    RUNS,
  ],
  'DELETE /api/v1/chat/sessions/{id}/mute': [
    id(() => groupId).map((chat) => ({ method: 'DELETE', path: `/api/v1/chat/sessions/${chat}/mute` })),
    RUNS,
  ],
  // Issue 21: exports (Ann's own; one at a time and a few a day, so most valid asks are 409 or 429).
  'POST /api/v1/exports': [
    body({
      scope: fc.oneof(fc.constantFrom('chat', 'account'), hostileText()),
      chatId: fc.oneof(
        later(() => groupId),
        hostileValue,
      ),
      format: fc.oneof(fc.constantFrom('json', 'html', 'both'), hostileText()),
      includeMedia: fc.oneof(fc.boolean(), hostileValue),
    }).map((b) => ({ method: 'POST', path: '/api/v1/exports', ...b })),
    RUNS,
  ],
  'GET /api/v1/exports': [
    query({ x: hostileQueryValue }).map(({ qs }) => ({ method: 'GET', path: `/api/v1/exports?${qs}` })),
    RUNS,
  ],
  'GET /api/v1/exports/{id}': [
    id(() => exportId).map((job) => ({ method: 'GET', path: `/api/v1/exports/${job}` })),
    RUNS,
  ],
  'GET /api/v1/exports/{id}/download': [
    id(() => exportId).map((job) => ({ method: 'GET', path: `/api/v1/exports/${job}/download` })),
    RUNS,
  ],
  'DELETE /api/v1/exports/{id}': [
    id(() => crypto.randomUUID()).map((job) => ({ method: 'DELETE', path: `/api/v1/exports/${job}` })),
    RUNS,
  ],
};

describe.runIf(DATABASE_AGNOSTIC_PASS)(`hostile input on every REST operation, on ${TEST_DB}`, () => {
  it('fuzzes every operation the OpenAPI document lists', async ({ api }) => {
    const doc = (await api.get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const fuzzed = new Set(Object.keys(operations).map((op) => op.replace(/ \(.*\)$/, '')));
    expect([...fuzzed].sort()).toEqual(listed.sort());
  });

  it.for(Object.keys(operations))(
    '%s: never a 5xx, unstorable text refused, the rest stored exactly',
    async (op, { api }) => {
      const [cases, runs] = operations[op]!;
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const res = await api.request(c.method, c.path, {
            token: c.token ?? ann.token,
            headers: c.headers,
            ...(c.raw ? { raw: c.raw } : c.body !== undefined ? { body: c.body } : {}),
          });
          expectSafe(res, c);
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
    },
  );

  it('stores nothing it could not store exactly, and stays healthy', async ({ api, server }) => {
    const prisma = server.database.prisma;
    const texts = [
      ...(await prisma.chatMessage.findMany({ select: { content: true } })).map((m) => m.content),
      ...(
        await prisma.chatSession.findMany({ select: { name: true, description: true, avatarUrl: true } })
      ).flatMap((s) => [s.name ?? '', s.description ?? '', s.avatarUrl ?? '']),
      ...(await prisma.user.findMany({ select: { name: true, bio: true, pronouns: true } })).flatMap((u) => [
        u.name,
        u.bio ?? '',
        u.pronouns ?? '',
      ]),
      ...(await prisma.report.findMany({ select: { note: true, decisionReason: true } })).flatMap((r) => [
        r.note ?? '',
        r.decisionReason ?? '',
      ]),
      ...(await prisma.auditEntry.findMany({ select: { reason: true } })).map((a) => a.reason ?? ''),
      ...(await prisma.hiddenWord.findMany({ select: { word: true } })).map((w) => w.word),
      ...(await prisma.filterWord.findMany({ select: { word: true } })).map((w) => w.word),
      ...(await prisma.upload.findMany({ select: { name: true } })).map((u) => u.name),
    ];
    // File names are cleaned: no control characters or bidi overrides, at most 200 characters.
    for (const { name } of await prisma.upload.findMany({ select: { name: true } })) {
      expect(name).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
      expect([...name].length).toBeLessThanOrEqual(200);
    }
    expect(await prisma.upload.count()).toBeGreaterThan(1);
    // Something was stored, or the check above proves nothing.
    expect(await prisma.report.count({ where: { note: { not: null } } })).toBeGreaterThan(0);
    expect(texts.filter(unstorable)).toEqual([]);
    // No hostile password deleted the keeper's account.
    expect((await api.get('/api/v1/users/me', keeper.token)).status).toBe(200);
    const health = await api.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
  });
});
