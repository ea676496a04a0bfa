// Privacy controls (issue 20, item 4): GET/PATCH /api/v1/users/me/settings,
// and each setting enforced by the server, seen from the other person's
// socket and REST: read receipts (reciprocal, groups too), last seen and
// online, the typing indicator. Group invitations: tests/group-invitations.test.ts.
import type { Api, TestUser } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const SETTINGS = '/api/v1/users/me/settings';
const DEFAULTS = {
  readReceipts: true,
  lastSeen: 'everyone',
  typingIndicator: true,
  groupInvites: 'everyone',
  linkPreviews: false,
};
const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;
const readIn = (chatId: string) => `/api/v1/chat/sessions/${chatId}/read`;
const patch = (api: Api, body: unknown, user: TestUser) =>
  api.request('PATCH', SETTINGS, { body, token: user.token });

/** The chat as `user` gets it over REST: each participant by id. */
async function participantsSeenBy(api: Api, chatId: string, user: TestUser) {
  const chat = (await api.get(`/api/v1/chat/sessions/${chatId}`, user.token)).body.chat;
  return new Map<string, any>(chat.participants.map((p: any) => [p.id, p]));
}

// The server starts under the hook timeout, not the first test's.
beforeAll(async ({ server }) => void server.url);

const settingsRows = (server: TestServer) => server.database.prisma.userSettings.count();

describe(`privacy settings on ${TEST_DB}`, () => {
  it('answers the defaults until changed, changes only the fields given, and keeps them per person', async ({
    api,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    expect((await api.get(SETTINGS, ann.token)).body).toEqual({ settings: DEFAULTS });
    const changed = await patch(api, { readReceipts: false, lastSeen: 'chats' }, ann);
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toEqual({ ...DEFAULTS, readReceipts: false, lastSeen: 'chats' });
    const again = await patch(
      api,
      { groupInvites: 'nobody', linkPreviews: true, typingIndicator: false },
      ann,
    );
    expect(again.body.settings).toEqual({
      readReceipts: false,
      lastSeen: 'chats',
      typingIndicator: false,
      groupInvites: 'nobody',
      linkPreviews: true,
    });
    expect((await api.get(SETTINGS, ann.token)).body.settings).toEqual(again.body.settings);
    expect((await api.get(SETTINGS, bob.token)).body.settings).toEqual(DEFAULTS);
  });

  it('refuses values out of range, wrong types and unknown fields with 400, storing nothing', async ({
    api,
    server,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const before = await settingsRows(server);
    for (const body of [
      {},
      { readReceipts: 'false' },
      { readReceipts: 0 },
      { readReceipts: null },
      { lastSeen: 'friends' },
      { lastSeen: 'EVERYONE' },
      { lastSeen: 1 },
      { groupInvites: 'contacts' },
      { groupInvites: ['everyone'] },
      { typingIndicator: 'yes' },
      { linkPreviews: 1 },
      { readReceipt: false },
      { readReceipts: false, extra: true },
      [],
      'x',
      null,
    ]) {
      const res = await patch(api, body, ann);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await patch(api, { lastSeen: 'friends' }, ann)).body.error.message).toBe(
      'lastSeen: Must be "everyone", "chats" or "nobody".',
    );
    expect((await patch(api, { readReceipt: false }, ann)).body.error.message).toContain(
      'Unknown field: readReceipt.',
    );
    const raw = await api.request('PATCH', SETTINGS, { raw: '{"readReceipts":', token: ann.token });
    expect(raw.status).toBe(400);
    expect((await api.request('PATCH', SETTINGS, { body: { readReceipts: false } })).status).toBe(401);
    expect((await api.get(SETTINGS)).status).toBe(401);
    expect(await settingsRows(server)).toBe(before);
    expect((await api.get(SETTINGS, ann.token)).body.settings).toEqual(DEFAULTS);

    // The same over the socket: an error ack, nothing stored.
    const sock = await openSocket({ token: ann.token });
    const bad = await call(sock, 'update_settings', { lastSeen: 'friends' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    expect(await settingsRows(server)).toBe(before);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('changes over the socket too, and your other sockets hear settings_updated', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const tab = await openSocket({ token: ann.token });
    const other = await openSocket({ token: ann.token });
    const heardByTab = collect(tab, 'settings_updated');
    const heard = nextEvent<any>(other, 'settings_updated');
    const ack = await call(tab, 'update_settings', { typingIndicator: false });
    expect(ack).toEqual({ ok: true, data: { ...DEFAULTS, typingIndicator: false } });
    expect(await heard).toEqual({ ...DEFAULTS, typingIndicator: false });
    expect(await call(tab, 'get_settings')).toEqual({
      ok: true,
      data: { ...DEFAULTS, typingIndicator: false },
    });
    // A change through REST reaches every socket of theirs.
    const both = Promise.all([nextEvent(tab, 'settings_updated'), nextEvent(other, 'settings_updated')]);
    await patch(api, { lastSeen: 'chats' }, ann);
    await both;
    expect(heardByTab).toHaveLength(1);
  });
});

describe(`read receipts on ${TEST_DB}`, () => {
  it('with the reader’s off: others hear no messages_read and see no read watermark; the reader keeps their own', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const chatId = await createDirect(api, ann, bob);
    const annSock = await openSocket({ token: ann.token });
    const bobTab = await openSocket({ token: bob.token });
    await api.post(messagesOf(chatId), { content: 'one' }, ann.token);

    // Before: Ann sees Bob read.
    const seen = nextEvent<any>(annSock, 'messages_read');
    await api.post(readIn(chatId), {}, bob.token);
    expect((await seen).userId).toBe(bob.id);

    await patch(api, { readReceipts: false }, bob);
    const heardByAnn = collect(annSock, 'messages_read');
    const ownTab = nextEvent<any>(bobTab, 'messages_read');
    await api.post(messagesOf(chatId), { content: 'two' }, ann.token);
    const read = await api.post(readIn(chatId), {}, bob.token);
    expect(read.body.receipt.upToSeq).toBe(2);
    // Bob's other tab hears his read (it counts his unread), Ann does not.
    expect((await ownTab).upToSeq).toBe(2);
    await sleep(300);
    expect(heardByAnn).toEqual([]);

    expect((await participantsSeenBy(api, chatId, ann)).get(bob.id).lastReadSeq).toBe(0);
    expect((await participantsSeenBy(api, chatId, bob)).get(bob.id).lastReadSeq).toBe(2);
    const list = (await api.get('/api/v1/chat/sessions', ann.token)).body.items[0];
    expect(list.participants.find((p: any) => p.id === bob.id).lastReadSeq).toBe(0);
    // Delivery is not a read: it still shows.
    expect((await participantsSeenBy(api, chatId, ann)).get(bob.id).lastDeliveredSeq).toBe(2);

    // Sync: Ann gets no reads of Bob's; Bob gets his own.
    const annSync = await call(annSock, 'sync', { since: { [chatId]: 0 } });
    expect(annSync.ok && annSync.data.reads.map((r: any) => r.userId)).not.toContain(bob.id);
    const bobSync = await call(bobTab, 'sync', { since: { [chatId]: 0 } });
    expect(bobSync.ok && bobSync.data.reads.find((r: any) => r.userId === bob.id)?.upToSeq).toBe(2);
    // His unread count still works for him.
    await api.post(messagesOf(chatId), { content: 'three' }, ann.token);
    expect((await api.get(`/api/v1/chat/sessions/${chatId}/unread`, bob.token)).body.count).toBe(1);
  });

  it('is reciprocal: with yours off you see nobody’s reads either, live, in chat details and in sync', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const chatId = await createDirect(api, ann, bob);
    await api.post(messagesOf(chatId), { content: 'hi' }, bob.token);
    await patch(api, { readReceipts: false }, bob);
    const bobSock = await openSocket({ token: bob.token });
    const heardByBob = collect(bobSock, 'messages_read');
    await api.post(readIn(chatId), {}, ann.token);
    await sleep(300);
    expect(heardByBob).toEqual([]);
    expect((await participantsSeenBy(api, chatId, bob)).get(ann.id).lastReadSeq).toBe(0);
    const synced = await call(bobSock, 'sync', { since: { [chatId]: 0 } });
    expect(synced.ok && synced.data.reads.map((r: any) => r.userId)).toEqual([bob.id]);

    // Turned on again, both see each other's reads.
    await patch(api, { readReceipts: true }, bob);
    expect((await participantsSeenBy(api, chatId, bob)).get(ann.id).lastReadSeq).toBe(1);
    await api.post(messagesOf(chatId), { content: 'again' }, bob.token);
    const heard = nextEvent<any>(bobSock, 'messages_read');
    await api.post(readIn(chatId), {}, ann.token);
    expect(await heard).toMatchObject({ userId: ann.id, upToSeq: 2 });
  });

  it('holds in groups: one member’s off hides their reads from all and everyone’s from them', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const cat = await api.register('Cat');
    const chatId = await createGroup(api, ann, [bob, cat]);
    await patch(api, { readReceipts: false }, bob);
    const annSock = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    const catSock = await openSocket({ token: cat.token });
    const heardByBob = collect(bobSock, 'messages_read');
    const heardByAnn = collect(annSock, 'messages_read');
    await api.post(messagesOf(chatId), { content: 'hello all' }, ann.token);

    // Cat reads: Ann hears it, Bob does not.
    const annHearsCat = nextEvent<any>(annSock, 'messages_read', 5000, (r) => r.userId === cat.id);
    await call(catSock, 'mark_as_read', { chatId });
    await annHearsCat;
    // Bob reads: nobody else hears it.
    const catHeard = collect(catSock, 'messages_read');
    await call(bobSock, 'mark_as_read', { chatId });
    await sleep(300);
    expect(heardByBob).toEqual([]);
    expect(heardByAnn.map((r) => r.userId)).not.toContain(bob.id);
    expect(catHeard).toEqual([]);

    const seenByAnn = await participantsSeenBy(api, chatId, ann);
    expect(seenByAnn.get(bob.id).lastReadSeq).toBe(0);
    expect(seenByAnn.get(cat.id).lastReadSeq).toBe(2);
    const seenByBob = await participantsSeenBy(api, chatId, bob);
    expect(seenByBob.get(cat.id).lastReadSeq).toBe(0);
    expect(seenByBob.get(ann.id).lastReadSeq).toBe(0);
    expect(seenByBob.get(bob.id).lastReadSeq).toBe(2);
  });
});

describe(`last seen and online on ${TEST_DB}`, () => {
  it('"nobody" hides your presence from everyone and theirs from you; "everyone" and "chats" show it in shared chats', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const chatId = await createDirect(api, ann, bob);
    const annSock = await openSocket({ token: ann.token });

    // Bob at "chats": Ann shares a chat with him, so she sees him come online.
    await patch(api, { lastSeen: 'chats' }, bob);
    const online = nextEvent<any>(annSock, 'presence_update', 5000, (p) => p.userId === bob.id);
    const bobSock = await openSocket({ token: bob.token });
    expect(await online).toMatchObject({ userId: bob.id, status: 'online' });
    expect((await participantsSeenBy(api, chatId, ann)).get(bob.id).presence.status).toBe('online');
    const listed = await call(annSock, 'get_online_users', { chatId });
    expect(listed.ok && listed.data.userIds).toContain(bob.id);

    // Bob at "nobody": Ann sees him go offline at once, then nothing more of him.
    const gone = nextEvent<any>(annSock, 'presence_update', 5000, (p) => p.userId === bob.id);
    await patch(api, { lastSeen: 'nobody' }, bob);
    expect(await gone).toMatchObject({ userId: bob.id, status: 'offline', lastSeenAt: null });
    const heardByAnn = collect(annSock, 'presence_update');
    await call(bobSock, 'presence_update', { status: 'away' });
    await sleep(300);
    expect(heardByAnn.filter((p) => p.userId === bob.id)).toEqual([]);
    expect((await participantsSeenBy(api, chatId, ann)).get(bob.id).presence).toEqual({
      status: 'offline',
      lastSeenAt: null,
    });
    const none = await call(annSock, 'get_online_users', { chatId });
    expect(none.ok && none.data.userIds).not.toContain(bob.id);

    // And Bob, at "nobody", sees nobody's: Ann is online, but not to him.
    expect((await participantsSeenBy(api, chatId, bob)).get(ann.id).presence.status).toBe('offline');
    const bobsView = await call(bobSock, 'get_online_users', { chatId });
    expect(bobsView.ok && bobsView.data.userIds).toEqual([bob.id]);
    const heardByBob = collect(bobSock, 'presence_update');
    await call(annSock, 'presence_update', { status: 'busy' });
    await sleep(300);
    expect(heardByBob.filter((p) => p.userId === ann.id)).toEqual([]);

    // Back to everyone: both see each other again.
    await patch(api, { lastSeen: 'everyone' }, bob);
    expect((await participantsSeenBy(api, chatId, bob)).get(ann.id).presence.status).toBe('busy');
    const back = nextEvent<any>(bobSock, 'presence_update', 5000, (p) => p.userId === ann.id);
    await call(annSock, 'presence_update', { status: 'online' });
    expect(await back).toMatchObject({ status: 'online' });
  });
});

describe(`typing indicator on ${TEST_DB}`, () => {
  it('off: the typist’s typing is not relayed to anyone; on again, it is', async ({ api, openSocket }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const cat = await api.register('Cat');
    const chatId = await createGroup(api, ann, [bob, cat]);
    const annSock = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    const catSock = await openSocket({ token: cat.token });
    await patch(api, { typingIndicator: false }, bob);
    const heardAnn = collect(annSock, 'user_typing');
    const heardCat = collect(catSock, 'user_typing');
    expect((await call(bobSock, 'typing_start', { chatId })).ok).toBe(true);
    expect((await call(bobSock, 'typing_stop', { chatId })).ok).toBe(true);
    // Others' typing still reaches Bob: the setting is about his own.
    const bobHears = nextEvent<any>(bobSock, 'user_typing');
    await call(catSock, 'typing_start', { chatId });
    expect((await bobHears).userId).toBe(cat.id);
    await sleep(300);
    expect(heardAnn.filter((t) => t.userId === bob.id)).toEqual([]);
    expect(heardCat).toEqual([]);

    await patch(api, { typingIndicator: true }, bob);
    const annHears = nextEvent<any>(annSock, 'user_typing', 5000, (t) => t.userId === bob.id);
    await call(bobSock, 'typing_start', { chatId });
    expect(await annHears).toMatchObject({ chatId, userId: bob.id });
  });
});
