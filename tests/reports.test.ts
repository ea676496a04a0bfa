// Reports (issue 15, item 4): a person reports another, optionally messages
// of a chat they share; the evidence is frozen and hashed when filed, and
// nothing either person does afterwards changes it. Confirmed to the
// reporter, limited per day, never readable by anyone else.
import { createHash } from 'node:crypto';
import type { Api, TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import {
  NOTICES,
  NOTHING_HERE,
  QUEUE,
  REPORTS,
  adminView,
  fileReport,
  registerAdmin,
  reportId,
  sendAll,
} from './support/moderation';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const ADMIN_EMAIL = 'reports-admin@example.com';
const PER_DAY = 4;
it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL, REPORTS_PER_DAY: String(PER_DAY) });

let admin: TestUser;
beforeAll(async ({ api }) => {
  admin = await registerAdmin(api, ADMIN_EMAIL);
});

async function pair(api: Api): Promise<[TestUser, TestUser, string]> {
  const ann = await api.register('Ann');
  const bob = await api.register('Bob');
  return [ann, bob, await createDirect(api, ann, bob)];
}

/** Canonical JSON written again here, so the test checks the server's hash rather than repeating it. */
function sha256OfCanonical(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(value)))
    .digest('hex');
}

const stored = async (server: TestServer) => ({
  reports: await server.database.prisma.report.count(),
  notices: await server.database.prisma.userNotice.count(),
  blocks: await server.database.prisma.userBlock.count(),
});

describe(`reports on ${TEST_DB}`, () => {
  it('files a report about a message: 201, a live confirmation notice, in your list and nobody else’s', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const [insult] = await sendAll(api, bob, chatId, ['you are worthless']);
    const annSock = await openSocket({ token: ann.token });
    const confirmed = nextEvent<any>(annSock, 'notice');

    const res = await fileReport(api, ann, {
      userId: bob.id,
      chatId,
      messageIds: [insult.id],
      category: 'harassment',
      note: '  keeps insulting me  ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      report: {
        id: expect.any(String),
        category: 'harassment',
        status: 'open',
        createdAt: expect.any(String),
      },
    });
    const notice = await confirmed;
    expect(notice).toMatchObject({ userId: ann.id, kind: 'report.received', readAt: null });
    expect(notice.text).toMatch(/received your report.*24 hours/);

    const notices = await api.get(NOTICES, ann.token);
    expect(notices.body.notices).toEqual([notice]);
    expect((await api.post(`${NOTICES}/read`, {}, ann.token)).status).toBe(204);
    expect((await api.get(NOTICES, ann.token)).body.notices[0].readAt).toEqual(expect.any(String));
    // Bob is not told he was reported.
    expect((await api.get(NOTICES, bob.token)).body.notices).toEqual([]);

    expect((await api.get(REPORTS, ann.token)).body.items).toEqual([{ ...res.body.report, decidedAt: null }]);
    expect((await api.get(REPORTS, bob.token)).body.items).toEqual([]);
    // The reported person cannot read it through the moderators' API either.
    const peek = await api.get(`${QUEUE}/${res.body.report.id}`, bob.token);
    expect(peek.status).toBe(404);
    expect(peek.body.error).toEqual(NOTHING_HERE);

    const { report } = await adminView(api, admin, res.body.report.id);
    expect(report).toMatchObject({
      reporterId: ann.id,
      reportedUserId: bob.id,
      reporter: { id: ann.id, name: 'Ann' },
      reportedUser: { id: bob.id, name: 'Bob' },
      chatId,
      messageIds: [insult.id],
      note: 'keeps insulting me',
      priority: 1,
      decision: null,
    });
    expect(Date.parse(report.dueAt) - Date.parse(report.createdAt)).toBe(24 * 60 * 60 * 1000);
    expect(report.evidence.messages).toEqual([
      expect.objectContaining({
        id: insult.id,
        senderId: bob.id,
        senderName: 'Bob',
        content: 'you are worthless',
        reported: true,
      }),
    ]);
  });

  it('refuses bad input with a clear 4xx, stores nothing and stays up', async ({ api, server }) => {
    const [ann, bob, chatId] = await pair(api);
    const cat = await api.register('Cat');
    const [fromBob] = await sendAll(api, bob, chatId, ['from Bob']);
    const [fromAnn] = await sendAll(api, ann, chatId, ['from Ann']);
    const otherChat = await createDirect(api, bob, cat);
    const [elsewhere] = await sendAll(api, bob, otherChat, ['elsewhere']);
    const before = await stored(server);
    const valid = { userId: bob.id, category: 'spam' };

    for (const body of [
      {},
      { ...valid, userId: 'nope' },
      { ...valid, userId: 42 },
      { ...valid, category: 'rude' },
      { ...valid, category: 'SPAM' },
      { ...valid, note: 'x'.repeat(1001) },
      { ...valid, note: 'a\u0000b' },
      { ...valid, alsoBlock: 'yes' },
      { ...valid, chatId: 'nope' },
      { ...valid, chatId, messageIds: [] },
      { ...valid, chatId, messageIds: Array.from({ length: 21 }, () => fromBob.id) },
      { ...valid, chatId, messageIds: ['nope'] },
      { ...valid, messageIds: [fromBob.id] },
      { ...valid, priority: 0 },
      { ...valid, status: 'actioned' },
      [valid],
      'spam',
      { ...valid, userId: ann.id },
      { ...valid, chatId, messageIds: [fromAnn.id] },
      { ...valid, userId: cat.id, chatId },
    ]) {
      const res = await fileReport(api, ann, body as Record<string, unknown>);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe('VALIDATION');
    }
    expect((await fileReport(api, ann, { ...valid, userId: ann.id })).body.error.message).toBe(
      'userId: You cannot report yourself.',
    );
    expect((await fileReport(api, ann, { ...valid, messageIds: [fromBob.id] })).body.error.message).toBe(
      'chatId: Name the chat the messages are in.',
    );

    // Unknown people and chats read like ones you may not see.
    const nobody = await fileReport(api, ann, { ...valid, userId: crypto.randomUUID() });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toEqual(
      (await api.get(`/api/v1/users/${crypto.randomUUID()}`, ann.token)).body.error,
    );
    const notMine = await fileReport(api, ann, { ...valid, chatId: otherChat });
    const noChat = await fileReport(api, ann, { ...valid, chatId: crypto.randomUUID() });
    expect(notMine.status).toBe(404);
    expect(notMine.body.error).toEqual({
      code: 'NOT_FOUND',
      message: 'This chat does not exist or you are not in it.',
    });
    expect(noChat.body.error).toEqual(notMine.body.error);
    // A message of another chat, or none at all, is not in this one.
    for (const id of [elsewhere.id, crypto.randomUUID()]) {
      const res = await fileReport(api, ann, { ...valid, chatId, messageIds: [fromBob.id, id] });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api.request('POST', REPORTS, { raw: '{"userId":', token: ann.token })).status).toBe(400);
    expect((await api.request('POST', REPORTS, { body: valid })).status).toBe(401);
    expect((await api.request('GET', REPORTS)).status).toBe(401);

    expect(await stored(server)).toEqual(before);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('freezes the evidence: the reported messages and the 50 before the latest, hashed; editing, deleting and closing change nothing', async ({
    api,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const texts = Array.from({ length: 60 }, (_, i) => `message ${i + 1}`);
    const sent = await sendAll(api, bob, chatId, texts);
    const early = sent[4]; // seq 5: outside the 50 before the latest reported
    const latest = sent[54]; // seq 55
    await sendAll(api, ann, chatId, ['stop it']); // seq 61, after: not in the evidence
    const id = await reportId(api, ann, {
      userId: bob.id,
      chatId,
      messageIds: [latest.id, early.id],
      category: 'threat_of_harm',
    });
    const frozen = (await adminView(api, admin, id)).report.evidence;

    expect(frozen.chatId).toBe(chatId);
    expect(frozen.messages.map((m: any) => m.seq)).toEqual([
      5,
      ...Array.from({ length: 50 }, (_, i) => i + 6),
    ]);
    expect(frozen.messages.filter((m: any) => m.reported).map((m: any) => m.id)).toEqual([
      early.id,
      latest.id,
    ]);
    expect(frozen.messages.at(-1)).toEqual({
      id: latest.id,
      seq: 55,
      senderId: bob.id,
      senderName: 'Bob',
      type: 'TEXT',
      content: 'message 55',
      attachments: null,
      replyToId: null,
      createdAt: latest.createdAt,
      editedAt: null,
      deletedAt: null,
      reported: true,
    });
    const { sha256, ...hashed } = frozen;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256OfCanonical(hashed)).toBe(sha256);

    // Bob rewrites one, deletes the other and ends the chat; Ann leaves nothing behind either.
    expect(
      (await api.put(`/api/v1/chat/messages/${latest.id}`, { content: 'just kidding' }, bob.token)).status,
    ).toBe(200);
    expect((await api.delete(`/api/v1/chat/messages/${early.id}`, bob.token)).status).toBe(200);
    expect((await api.post(`/api/v1/chat/sessions/${chatId}/close`, {}, bob.token)).status).toBe(200);
    const seenByAnn = async (id: string) =>
      (await api.get(`/api/v1/chat/messages/${id}`, ann.token)).body.message;
    expect(await seenByAnn(early.id)).toMatchObject({ content: '', deletedAt: expect.any(String) });
    expect(await seenByAnn(latest.id)).toMatchObject({ content: 'just kidding' });

    expect((await adminView(api, admin, id)).report.evidence).toEqual(frozen);
  });

  it('reports from a closed or hidden direct chat, and about someone who left a group; not from a group you left', async ({
    api,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const [dm] = await sendAll(api, bob, chatId, ['bye forever']);
    await api.post(`/api/v1/chat/sessions/${chatId}/close`, {}, bob.token);
    await api.delete(`/api/v1/chat/sessions/${chatId}`, ann.token);
    const closed = await fileReport(api, ann, {
      userId: bob.id,
      chatId,
      messageIds: [dm.id],
      category: 'other',
    });
    expect(closed.status).toBe(201);

    const cat = await api.register('Cat');
    const groupId = await createGroup(api, cat, [ann, bob], 'Club');
    const [inGroup] = await sendAll(api, bob, groupId, ['hateful words']);
    await api.delete(`/api/v1/chat/sessions/${groupId}`, bob.token);
    const aboutLeaver = await fileReport(api, ann, {
      userId: bob.id,
      chatId: groupId,
      messageIds: [inGroup.id],
      category: 'hate',
    });
    expect(aboutLeaver.status).toBe(201);
    await api.delete(`/api/v1/chat/sessions/${groupId}`, ann.token);
    const afterLeaving = await fileReport(api, ann, { userId: cat.id, chatId: groupId, category: 'spam' });
    expect(afterLeaving.status).toBe(404);
  });

  it('with alsoBlock, blocks the person as well', async ({ api, openSocket }) => {
    const [ann, bob, chatId] = await pair(api);
    const res = await fileReport(api, ann, { userId: bob.id, chatId, category: 'scam', alsoBlock: true });
    expect(res.status).toBe(201);
    expect((await api.get('/api/v1/blocks', ann.token)).body.blocks.map((b: any) => b.user.id)).toEqual([
      bob.id,
    ]);
    const bobSock = await openSocket({ token: bob.token });
    const ack = await call(bobSock, 'send_message', { chatId, content: 'hello?' });
    expect(ack.ok === false && ack.error.code).toBe('BLOCKED');
  });

  it(`limits a reporter to ${PER_DAY} reports a day (429 with when to try again), stores nothing past it, and leaves others alone`, async ({
    api,
    server,
  }) => {
    const ann = await api.register('Ann');
    const others = await Promise.all(Array.from({ length: PER_DAY + 1 }, () => api.register('Someone')));
    for (const other of others.slice(0, PER_DAY)) {
      expect((await fileReport(api, ann, { userId: other.id, category: 'spam' })).status).toBe(201);
    }
    const before = await stored(server);
    const refused = await fileReport(api, ann, {
      userId: others[PER_DAY]!.id,
      category: 'spam',
      alsoBlock: true,
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/a day/),
    });
    // The oldest of today's reports leaves the window in a little under 24 hours.
    expect(refused.body.error.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(refused.body.error.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
    expect(refused.headers.get('retry-after')).toBe(String(refused.body.error.retryAfterSeconds));
    expect(await stored(server)).toEqual(before);

    const bob = await api.register('Bob');
    expect((await fileReport(api, bob, { userId: ann.id, category: 'spam' })).status).toBe(201);
  });

  it('queues open reports most urgent first (underage and threat of harm on top), oldest first within, page by page', async ({
    api,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const ids: Record<string, string> = {};
    for (const category of ['spam', 'underage', 'harassment', 'threat_of_harm']) {
      const reporter = await api.register('Reporter');
      ids[category] = await reportId(api, reporter, {
        userId: category === 'spam' ? ann.id : bob.id,
        category,
      });
    }
    const mine = new Set(Object.values(ids));
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.get(`${QUEUE}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin.token);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    // Every open report once, in queue order.
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const priorities = seen.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort());
    expect(seen.filter((r) => mine.has(r.id)).map((r) => r.category)).toEqual([
      'underage',
      'threat_of_harm',
      'harassment',
      'spam',
    ]);
    // The history of the reported person lists the earlier reports against them.
    const { history } = await adminView(api, admin, ids.threat_of_harm!);
    expect(history.reports.map((r: any) => r.id)).toEqual([ids.harassment, ids.underage]);
    expect(history.sanctions).toEqual({
      mutedUntil: null,
      suspendedUntil: null,
      bannedAt: null,
      reason: null,
    });

    for (const query of ['status=closed', 'limit=0', 'limit=x', 'cursor=garbage']) {
      const res = await api.get(`${QUEUE}?${query}`, admin.token);
      expect(res.status, query).toBe(400);
    }
    expect((await api.get(`${QUEUE}/${crypto.randomUUID()}`, admin.token)).status).toBe(404);
    expect((await api.get(`${QUEUE}/not-an-id`, admin.token)).status).toBe(404);
  });
});
