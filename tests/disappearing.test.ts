// Disappearing messages (issue 20, item 5): a per-chat timer set by either
// person of a direct chat or a group's admins, announced as a notice; the
// messages sent under it are deleted for everyone when their time comes, by
// a server job (live message_deleted, sync after a reconnect, after a
// restart, once across processes), media included except what a report's
// frozen evidence holds. This file's server offers a 2-second timer and
// sweeps every second.
import { expireMessages } from '@/lib/chat/expire-messages';
import { purgeMedia } from '@/lib/media/purge-media';
import { mediaStorage } from '@/lib/media/storage';
import { randomBytes } from 'node:crypto';
import { Api, registerAll, type TestUser } from './support/api';
import { createDirect, createGroup, sleep, waitFor } from './support/chat';
import { spawnServer } from './support/child-server';
import { call, collect } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { RAISED_LIMITS } from './support/limits';
import { tinyPng, upload } from './support/media';
import { messagesOf, reportId } from './support/moderation';
import { createServerDatabase } from './support/postgres';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';

const SHORT = 2;
const DAY = 86_400;
it.override('serverEnv', {
  DISAPPEARING_TIMERS: `${SHORT},${DAY},${7 * DAY},${90 * DAY}`,
  DISAPPEARING_SWEEP_SECONDS: '1',
});

const timerOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/disappearing`;
const setTimer = (api: Api, chatId: string, seconds: number | null, who: TestUser) =>
  api.put(timerOf(chatId), { disappearAfterSeconds: seconds }, who.token);

let ann: TestUser;
let bob: TestUser;
let carol: TestUser;
let dan: TestUser;

beforeAll(async ({ api }) => {
  [ann, bob, carol, dan] = await registerAll(api, 'Ann', 'Bob', 'Carol', 'Dan');
});

async function history(api: Api, chatId: string, who: TestUser): Promise<any[]> {
  const res = await api.get(messagesOf(chatId), who.token);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe(`disappearing messages on ${TEST_DB}`, () => {
  it('either person of a direct chat sets it: a notice, chat_updated, expiresAt on what is sent, then gone for both', async ({
    api,
    openSocket,
  }) => {
    const chatId = await createDirect(api, ann, bob);
    const bobSock = await openSocket({ token: bob.token });
    const annSock = await openSocket({ token: ann.token });
    const updated = nextEvent<any>(bobSock, 'chat_updated');
    const notice = nextEvent<any>(bobSock, 'message_received', 5000, (m) => m.type === 'SYSTEM');

    const set = await setTimer(api, chatId, SHORT, bob);
    expect(set.status).toBe(200);
    expect(set.body.chat).toMatchObject({ id: chatId, disappearAfterSeconds: SHORT });
    expect((await updated).disappearAfterSeconds).toBe(SHORT);
    const announced = await notice;
    expect(announced.content).toBe(
      'Bob turned on disappearing messages: new messages disappear 2 seconds after they are sent',
    );
    expect(announced.expiresAt).toBeNull();
    expect(
      (await api.get(`/api/v1/chat/sessions/${chatId}`, ann.token)).body.chat.disappearAfterSeconds,
    ).toBe(SHORT);
    const listed = await api.get('/api/v1/chat/sessions', ann.token);
    expect(listed.body.items.find((c: any) => c.id === chatId).disappearAfterSeconds).toBe(SHORT);

    // Setting what it already is changes nothing.
    await setTimer(api, chatId, SHORT, ann);
    expect((await history(api, chatId, ann)).filter((m) => m.type === 'SYSTEM')).toHaveLength(1);

    const sent = await api.post(messagesOf(chatId), { content: 'gone soon' }, ann.token);
    expect(sent.status).toBe(201);
    const message = sent.body.message;
    expect(Date.parse(message.expiresAt) - Date.parse(message.createdAt)).toBe(SHORT * 1000);
    const bobGone = nextEvent<any>(bobSock, 'message_deleted', 8000, (m) => m.id === message.id);
    const annGone = nextEvent<any>(annSock, 'message_deleted', 8000, (m) => m.id === message.id);
    const [forBob] = await Promise.all([bobGone, annGone]);
    expect(forBob).toMatchObject({ content: '', attachments: null, expiresAt: message.expiresAt });
    expect(Date.parse(forBob.deletedAt)).toBeGreaterThanOrEqual(Date.parse(message.expiresAt));
    for (const who of [ann, bob]) {
      const tombstone = (await history(api, chatId, who)).find((m) => m.id === message.id);
      expect(tombstone).toMatchObject({ content: '', deletedAt: forBob.deletedAt });
    }
    const found = await api.get(`/api/v1/chat/sessions/${chatId}/search?q=gone`, bob.token);
    expect(found.body.items).toEqual([]);

    // Off: what is sent from now on stays; the notice says so.
    const off = await setTimer(api, chatId, null, ann);
    expect(off.body.chat.disappearAfterSeconds).toBeNull();
    const kept = await api.post(messagesOf(chatId), { content: 'stays' }, ann.token);
    expect(kept.body.message.expiresAt).toBeNull();
    const notices = (await history(api, chatId, bob))
      .filter((m) => m.type === 'SYSTEM')
      .map((m) => m.content);
    expect(notices[0]).toBe('Ann turned off disappearing messages');
  });

  it('the socket sets it too, and a client that was away catches the expiry with sync', async ({
    api,
    openSocket,
  }) => {
    const chatId = await createDirect(api, ann, carol);
    const annSock = await openSocket({ token: ann.token });
    const ack = await call(annSock, 'set_disappearing', { chatId, disappearAfterSeconds: SHORT });
    expect(ack).toMatchObject({ ok: true, data: { id: chatId, disappearAfterSeconds: SHORT } });

    const carolSock = await openSocket({ token: carol.token });
    const changedSince = new Date().toISOString();
    const lastSeq = (await history(api, chatId, carol))[0].seq;
    const sent = (await api.post(messagesOf(chatId), { content: 'while you were away' }, ann.token)).body
      .message;
    // Carol has it, then goes away before it expires.
    const seen = await call(carolSock, 'sync', { since: { [chatId]: lastSeq } });
    expect(seen.ok && seen.data.messages.map((m: any) => m.id)).toEqual([sent.id]);
    carolSock.disconnect();
    await sleep(SHORT * 1000 + 1500);

    const back = await openSocket({ token: carol.token });
    const sync = await call(back, 'sync', { since: { [chatId]: sent.seq }, changedSince });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    expect(sync.data.changed).toEqual([
      expect.objectContaining({
        id: sent.id,
        content: '',
        deletedAt: expect.any(String),
        expiresAt: sent.expiresAt,
      }),
    ]);
  });

  it('refuses a timer not offered, and from outsiders, non-admins of a group and ended chats; nothing changes', async ({
    api,
    openSocket,
    server,
  }) => {
    const chatId = await createDirect(api, bob, carol);
    for (const bad of [3600, 0, -DAY, 1.5, '86400', true, {}]) {
      const res = await setTimer(api, chatId, bad as number, bob);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await api.put(timerOf(chatId), {}, bob.token)).status).toBe(400);
    expect((await api.request('PUT', timerOf(chatId), { raw: '{', token: bob.token })).status).toBe(400);
    const bobSock = await openSocket({ token: bob.token });
    const badAck = await call(bobSock, 'set_disappearing', { chatId, disappearAfterSeconds: 60 });
    expect(badAck).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(bobSock, 'set_disappearing', { chatId })).toMatchObject({ ok: false });
    // Outsiders: 404, as for a chat that does not exist.
    expect((await setTimer(api, chatId, DAY, dan)).status).toBe(404);
    expect((await setTimer(api, '00000000-0000-7000-8000-000000000000', DAY, dan)).status).toBe(404);
    expect((await setTimer(api, 'not-an-id', DAY, dan)).status).toBe(404);

    const groupId = await createGroup(api, ann, [bob, carol], 'Timers');
    const member = await setTimer(api, groupId, DAY, bob);
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect(
      await call(bobSock, 'set_disappearing', { chatId: groupId, disappearAfterSeconds: DAY }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await setTimer(api, groupId, DAY, dan)).status).toBe(404);
    const byAdmin = await setTimer(api, groupId, 7 * DAY, ann);
    expect(byAdmin.body.chat.disappearAfterSeconds).toBe(7 * DAY);
    expect((await history(api, groupId, carol))[0].content).toBe(
      'Ann turned on disappearing messages: new messages disappear 7 days after they are sent',
    );

    // A blocked and a closed direct chat.
    const blocked = await createDirect(api, dan, ann);
    expect((await api.post('/api/v1/blocks', { userId: ann.id }, dan.token)).status).toBe(201);
    expect((await setTimer(api, blocked, DAY, ann)).body.error.code).toBe('BLOCKED');
    const closed = await createDirect(api, dan, carol);
    expect((await api.post(`/api/v1/chat/sessions/${closed}/close`, {}, carol.token)).status).toBe(200);
    expect((await setTimer(api, closed, DAY, dan)).body.error.code).toBe('CHAT_CLOSED');

    const prisma = server.database.prisma;
    const chats = await prisma.chatSession.findMany({
      where: { id: { in: [chatId, blocked, closed] } },
      select: { disappearAfterSeconds: true },
    });
    expect(chats.map((c: any) => c.disappearAfterSeconds)).toEqual([null, null, null]);
    expect(await prisma.chatMessage.count({ where: { chatId, type: 'SYSTEM' } })).toBe(0);
  });

  it('deletes the media of what disappears, except what a report holds as evidence', async ({
    api,
    server,
  }) => {
    const chatId = await createDirect(api, dan, bob);
    await setTimer(api, chatId, DAY, dan);
    const sendPhoto = async () => {
      const up = await upload(api, { token: dan.token, chatId, file: await tinyPng() });
      expect(up.status).toBe(201);
      const sent = await api.post(
        messagesOf(chatId),
        { type: 'IMAGE', attachmentIds: [up.body.upload.id] },
        dan.token,
      );
      expect(sent.status).toBe(201);
      return sent.body.message;
    };
    // The report's evidence holds the reported message and those before it; the plain one comes after.
    const evidence = await sendPhoto();
    await reportId(api, bob, { userId: dan.id, chatId, messageIds: [evidence.id], category: 'spam' });
    const plain = await sendPhoto();
    const prisma = server.database.prisma;
    // Their day has passed.
    await prisma.chatMessage.updateMany({
      where: { id: { in: [plain.id, evidence.id] } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expireMessages();
    await purgeMedia();
    const rows = await prisma.upload.findMany({
      where: { messageId: { in: [plain.id, evidence.id] } },
      select: { messageId: true, storageKey: true, deletedAt: true, purgedAt: true },
    });
    const of = (id: string): any => rows.find((r: any) => r.messageId === id);
    await waitFor(
      async () => (await mediaStorage().stat(of(plain.id).storageKey)) === null,
      5000,
      'bytes gone',
    );
    expect(of(plain.id).deletedAt).toBeInstanceOf(Date);
    expect(of(evidence.id).deletedAt).toBeInstanceOf(Date);
    expect(of(evidence.id).purgedAt).toBeNull();
    expect(await mediaStorage().stat(of(evidence.id).storageKey)).not.toBeNull();
    for (const id of [plain.id, evidence.id]) {
      const tomb = (await history(api, chatId, bob)).find((m) => m.id === id);
      expect(tomb).toMatchObject({ deletedAt: expect.any(String), attachments: null });
    }
  });

  it('deletes each due message once when sweeps race (as several processes do)', async ({
    api,
    server,
    openSocket,
  }) => {
    const [gil, hal] = await registerAll(api, 'Gil', 'Hal');
    const chatId = await createDirect(api, gil, hal);
    await setTimer(api, chatId, DAY, gil);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await api.post(messagesOf(chatId), { content: `m${i}` }, gil.token)).body.message.id);
    }
    const danSock = await openSocket({ token: hal.token });
    const deleted = collect<any>(danSock, 'message_deleted');
    await server.database.prisma.chatMessage.updateMany({
      where: { id: { in: ids } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const results = await Promise.all([expireMessages(), expireMessages(), expireMessages()]);
    expect(results.reduce((n, r) => n + r.expired, 0)).toBeLessThanOrEqual(ids.length);
    await waitFor(() => deleted.length >= ids.length, 5000, 'every message_deleted');
    await sleep(1500);
    expect(deleted.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(
      await server.database.prisma.chatMessage.count({ where: { id: { in: ids }, deletedAt: null } }),
    ).toBe(0);
  });
});

describe(`disappearing messages across a restart on ${TEST_DB}`, () => {
  it('deletes a message whose time came while the server was down, once it is back', async () => {
    const database = await createServerDatabase(TEST_DB, 'chat_expiry');
    const env = {
      ...database.env,
      ...RAISED_LIMITS,
      // The same secret after the restart, so the tokens still hold.
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DISAPPEARING_TIMERS: '4',
      DISAPPEARING_SWEEP_SECONDS: '1',
    };
    let server = await spawnServer(env, { compiled: true });
    try {
      let api = new Api(server.url);
      const [eve, fay] = await registerAll(api, 'Eve', 'Fay');
      const chatId = await createDirect(api, eve, fay);
      expect((await setTimer(api, chatId, 4, eve)).status).toBe(200);
      const sent = (await api.post(messagesOf(chatId), { content: 'before the restart' }, eve.token)).body
        .message;
      await server.stop();
      // Down before its time came, so only the next start can delete it.
      expect(Date.now()).toBeLessThan(Date.parse(sent.expiresAt));
      await sleep(Date.parse(sent.expiresAt) - Date.now() + 500);

      server = await spawnServer(env, { compiled: true });
      api = new Api(server.url);
      await waitFor(
        async () => (await history(api, chatId, fay)).find((m) => m.id === sent.id)?.deletedAt != null,
        10_000,
        'the tombstone after the restart',
      );
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 180_000);
});
