// Every client → server socket event, fed hostile payloads: text with NUL,
// lone surrogates and RTL overrides, numbers past int4 and 2^53, floats,
// years 0 and 10000, junk of any shape. Never an INTERNAL ack; text that
// cannot be stored, numbers out of range and times outside 1970–9999 are
// VALIDATION; storable text is stored exactly; the socket and server stay up.
import fc from 'fast-check';
import type { AckResponse } from '@/lib/realtime/events';
import { type TestUser } from './support/api';
import { createGroup } from './support/chat';
import { call } from './support/emit';
import {
  acceptableTime,
  hostileNumber,
  hostileText,
  hostileTime,
  hostileValue,
  taggedFields,
  INT4_MAX,
  int4,
  unstorable,
} from './support/hostile';
import { TEST_DB } from './support/server';
import { connect, type ClientSocket } from './support/sockets';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { RAISED_SOCKET_LIMITS } from './support/limits';

let ann: TestUser;
let bob: TestUser;
let chatId: string;
let messageId: string;
let sock: ClientSocket;
/** Media (issue 16): Bob's voice message in the group, and unused image uploads of Ann's, one per case. */
let voiceMessageId: string;
let imagePool: string[] = [];

/** Acks are cheap: more cases than REST in the same time. FUZZ_RUNS raises it. */
const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 60) * 1.5);
const SEED = Number(process.env.FUZZ_SEED ?? 22_05);

it.override('serverEnv', RAISED_SOCKET_LIMITS);

beforeAll(async ({ api, server }) => {
  [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  chatId = await createGroup(api, ann, [bob], 'Fuzz');
  const sent = await api.post(
    `/api/v1/chat/sessions/${chatId}/messages`,
    { content: 'fuzz target' },
    ann.token,
  );
  messageId = sent.body.message.id;
  // Upload rows as POST /api/v1/uploads leaves them; the bytes play no part in sends.
  const upload = (kind: 'IMAGE' | 'VOICE') => ({
    id: crypto.randomUUID(),
    uploaderId: kind === 'VOICE' ? bob.id : ann.id,
    chatId,
    kind,
    mime: kind === 'VOICE' ? 'audio/mp4' : 'image/png',
    size: 100,
    name: 'fuzz',
    storageKey: `fuzz/${crypto.randomUUID()}`,
  });
  const images = Array.from({ length: RUNS }, () => upload('IMAGE'));
  const voice = upload('VOICE');
  await server.database.prisma.upload.createMany({ data: [...images, voice] });
  imagePool = images.map((u) => u.id);
  const voiceMessage = await api.post(
    `/api/v1/chat/sessions/${chatId}/messages`,
    { type: 'VOICE', attachmentIds: [voice.id] },
    bob.token,
  );
  voiceMessageId = voiceMessage.body.message.id;
  sock = await connect(server.url, { token: ann.token });
});

/** A payload, and what the answer must be given what it holds. */
interface Case {
  payload: unknown;
  /** Top-level strings that must be stored exactly or refused. */
  texts?: string[];
  /** The payload breaks a bound (an int4, a 1970–9999 time): VALIDATION whatever else it holds. */
  outOfRange?: boolean;
  /** Every field came from its own generator: valid once its text is storable. */
  own?: boolean;
  /** Where a valid payload's text shows in the ack. */
  stored?: { text: string; from: (data: any) => unknown };
}

function expectSafe(res: AckResponse<unknown>, c: Case, event: string) {
  const where = JSON.stringify({ event, ...c, res });
  if (!res.ok) expect(res.error.code, where).not.toBe('INTERNAL');
  if (c.outOfRange || c.texts?.some(unstorable)) {
    expect(res, where).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
  } else if (c.own && c.stored) {
    expect(res.ok, where).toBe(true);
    if (res.ok) expect(c.stored.from(res.data), where).toBe(c.stored.text);
  }
}

/** Values known once the server runs, read when a case is generated. */
const later = <T>(get: () => T) => fc.constant(null).map(get);
const chat = () => fc.oneof({ weight: 3, arbitrary: later(() => chatId) }, hostileValue);

/** An object payload with each field from its generator or hostile, or junk of any shape. */
function payload(
  fields: Record<string, fc.Arbitrary<unknown>>,
  textFields: string[] = Object.keys(fields),
): fc.Arbitrary<Case> {
  return fc.oneof(
    {
      weight: 9,
      arbitrary: taggedFields(fields).map((picked) => {
        const body = Object.fromEntries(Object.entries(picked).map(([k, v]) => [k, v.value]));
        const texts = textFields.map((k) => body[k]).filter((v): v is string => typeof v === 'string');
        return { payload: body, texts, own: Object.values(picked).every((v) => v.own) };
      }),
    },
    { weight: 1, arbitrary: fc.anything().map((p) => ({ payload: p })) },
  );
}

function stored(c: Case, field: string, from: (data: any) => unknown, trim = false): Case {
  const value = (c.payload as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? { ...c, stored: { text: trim ? value.trim() : value, from } } : c;
}

const isInt4 = (v: unknown, min = 0) =>
  v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= INT4_MAX);
const seqOrHostile = fc.option(fc.oneof(int4, hostileNumber), { nil: undefined });

const events: Record<string, fc.Arbitrary<Case>> = {
  // Tokens are checked by signature, never stored: a wrong one is UNAUTHENTICATED.
  authenticate: payload({ token: hostileText() }, []),
  join_chat: payload({ chatId: chat() }),
  leave_chat: payload({ chatId: chat() }),
  // Always confirmed: words the baseline flags in random text are stored, not asked about.
  send_message: fc
    .oneof(
      payload({
        chatId: later(() => chatId),
        content: hostileText({ maxLength: 200 }),
        type: fc.constant('TEXT'),
        clientMessageId: fc.uuid(),
        confirmed: fc.constant(true),
      }),
      // A photo with a caption: each case attaches an upload of its own.
      payload(
        {
          chatId: later(() => chatId),
          content: hostileText({ maxLength: 200 }),
          type: fc.constant('IMAGE'),
          attachmentIds: later(() => [imagePool.pop() ?? crypto.randomUUID()]),
          clientMessageId: fc.uuid(),
          confirmed: fc.constant(true),
        },
        ['chatId', 'content', 'type', 'clientMessageId', 'attachmentIds'],
      ),
    )
    .map((c) => stored(c, 'content', (m) => m.content)),
  // Ann listens to Bob's voice message (a group: acknowledged, nothing shown), or a text message (400).
  voice_played: payload({
    messageId: fc.oneof(
      later(() => voiceMessageId),
      later(() => messageId),
    ),
  }),
  edit_message: payload({
    messageId: later(() => messageId),
    content: hostileText({ maxLength: 200 }),
    confirmed: fc.constant(true),
  }).map((c) => stored(c, 'content', (m) => m.content)),
  // One emoji on Ann's message, or hostile text in its place: never stored unless it is one emoji.
  add_reaction: payload({
    messageId: later(() => messageId),
    emoji: fc.oneof(fc.constantFrom('👍', '❤', '🫠', '👨‍👩‍👧‍👦'), hostileText()),
  }),
  remove_reaction: payload({
    messageId: later(() => messageId),
    emoji: fc.oneof(fc.constantFrom('👍', '❤', '🫠'), hostileText()),
  }),
  // Hostile ids only: deleting the target would end the edits.
  delete_message: payload({ messageId: hostileText() }),
  // Delete for me (issue 20): hostile ids only, for the same reason.
  hide_message: payload({ messageId: hostileText() }),
  // Forwarding the target into its own group, or hostile ids and chats.
  forward_message: payload(
    {
      messageId: fc.oneof({ weight: 3, arbitrary: later(() => messageId) }, hostileValue),
      chatId: chat(),
      confirmed: fc.constant(true),
    },
    [],
  ),
  // Ann is the group's admin: an offered timer, off, or any number at all.
  set_disappearing: payload(
    {
      chatId: chat(),
      disappearAfterSeconds: fc.oneof(fc.constant(null), fc.constantFrom(86_400, 604_800), hostileNumber),
    },
    [],
  ),
  mark_as_read: payload({ chatId: chat(), upToMessageId: later(() => messageId) }),
  typing_start: payload({ chatId: chat() }),
  typing_stop: payload({ chatId: chat() }),
  typing_indicator: payload({ chatId: chat(), isTyping: fc.boolean() }),
  user_online: fc.anything().map((p) => ({ payload: p })),
  user_offline: fc.anything().map((p) => ({ payload: p })),
  presence_update: payload({ status: fc.constantFrom('online', 'away', 'busy') }),
  create_chat: payload({
    type: fc.constant('GROUP'),
    name: hostileText(),
    description: hostileText(),
    participantIds: later(() => [bob.id]),
  }).map((c) => stored(c, 'name', (chat) => chat.name, true)),
  get_online_users: payload({ chatId: chat() }),
  get_unread: payload({ chatId: chat() }),
  sync: fc
    .record({
      since: fc.dictionary(
        fc.oneof(
          later(() => chatId),
          fc.uuid(),
        ),
        fc.oneof(int4, hostileNumber),
        { maxKeys: 3 },
      ),
      changedSince: fc.option(hostileTime, { nil: undefined }),
    })
    .map(({ since, changedSince }) => ({
      payload: { since, changedSince },
      texts: changedSince === undefined ? [] : [changedSince],
      outOfRange:
        Object.values(since).some((seq) => !isInt4(seq)) ||
        (changedSince !== undefined && !acceptableTime(changedSince)),
    })),
  fetch_messages: fc
    .record({ chatId: later(() => chatId), before: seqOrHostile, after: seqOrHostile, limit: seqOrHostile })
    .map((p) => ({
      payload: p,
      outOfRange: !isInt4(p.before) || !isInt4(p.after) || !isInt4(p.limit, 1),
    })),
  // Push (lib/push): whether this tab is visible and focused; booleans only.
  visibility_update: payload({ visible: fc.boolean(), focused: fc.boolean() }, []),
  // Privacy settings (issue 20), the caller's own: enums and booleans, nothing stored as text.
  get_settings: fc.anything().map((p) => ({ payload: p })),
  update_settings: payload({
    readReceipts: fc.oneof(fc.boolean(), hostileValue),
    lastSeen: fc.oneof(fc.constantFrom('everyone', 'chats', 'nobody'), hostileText()),
    typingIndicator: fc.oneof(fc.boolean(), hostileValue),
    groupInvites: fc.oneof(fc.constantFrom('everyone', 'chats', 'nobody'), hostileText()),
    linkPreviews: fc.oneof(fc.boolean(), hostileValue),
  }),
};

describe(`hostile payloads on every socket event, on ${TEST_DB}`, () => {
  it('fuzzes every event the server listens to', ({ server }) => {
    const listening =
      server.io
        .of('/')
        .sockets.get(sock.id ?? '')
        ?.eventNames() ?? [];
    const own = listening.map(String).filter((e) => !['disconnect', 'disconnecting', 'error'].includes(e));
    expect(own.length).toBeGreaterThan(10);
    expect(Object.keys(events).sort()).toEqual(own.sort());
  });

  it.for(Object.keys(events))(
    '%s: never INTERNAL, bounds and unstorable text are VALIDATION',
    async (event) => {
      await fc.assert(
        fc.asyncProperty(events[event]!, async (c) => {
          expectSafe(await call(sock, event, c.payload), c, event);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(sock.connected).toBe(true);
    },
  );

  it('stores nothing it could not store exactly, and stays healthy', async ({ api, server }) => {
    const prisma = server.database.prisma;
    const texts = [
      ...(await prisma.chatMessage.findMany({ select: { content: true } })).map((m) => m.content),
      ...(await prisma.chatSession.findMany({ select: { name: true, description: true } })).flatMap((s) => [
        s.name ?? '',
        s.description ?? '',
      ]),
    ];
    expect(texts.filter(unstorable)).toEqual([]);
    expect(sock.connected).toBe(true);
    const health = await api.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
  });
});
