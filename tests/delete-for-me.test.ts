// Delete for me (issue 20, item 6): beside delete for everyone, a person
// hides any message they can see from their own history, sync, search,
// unread count and chat list; their other tabs hear message_hidden, nobody
// else hears or loses anything.
import { registerAll, type Api, type TestUser } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { messagesOf } from './support/moderation';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';

const messageUrl = (id: string) => `/api/v1/chat/messages/${id}`;
const forMe = (id: string) => `${messageUrl(id)}?forEveryone=false`;

let ann: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async ({ api }) => {
  [ann, bob, carol] = await registerAll(api, 'Ann', 'Bob', 'Carol');
});

const send = async (api: Api, chatId: string, who: TestUser, content: string) =>
  (await api.post(messagesOf(chatId), { content }, who.token)).body.message;
const ids = (items: any[]) => items.map((m) => m.id);

describe(`delete for me on ${TEST_DB}`, () => {
  it("hides someone else's message from the caller's history, search, unread count and chat list only", async ({
    api,
    openSocket,
  }) => {
    const chatId = await createDirect(api, ann, bob);
    const first = await send(api, chatId, bob, 'hello needle one');
    const second = await send(api, chatId, bob, 'hello needle two');
    const annTab = await openSocket({ token: ann.token });
    const annOther = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    const bobHeard = collect(bobSock, 'message_hidden');
    const tabHeard = collect(annTab, 'message_hidden');
    const otherTab = nextEvent<any>(annOther, 'message_hidden');

    const res = await api.delete(forMe(second.id), ann.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hidden: { chatId, messageId: second.id, hiddenAt: expect.any(String) } });
    expect(await otherTab).toEqual(res.body.hidden);
    // Hiding again answers the same and tells nobody again.
    const again = await api.delete(forMe(second.id), ann.token);
    expect(again.body).toEqual(res.body);

    expect(ids((await api.get(messagesOf(chatId), ann.token)).body.items)).toEqual([first.id]);
    expect(ids((await api.get(messagesOf(chatId), bob.token)).body.items)).toEqual([second.id, first.id]);
    const fetched = await call(annTab, 'fetch_messages', { chatId });
    expect(fetched.ok && ids(fetched.data.items)).toEqual([first.id]);
    const search = (who: TestUser) => api.get(`/api/v1/chat/sessions/${chatId}/search?q=needle`, who.token);
    expect(ids((await search(ann)).body.items.map((h: any) => h.message))).toEqual([first.id]);
    expect((await search(bob)).body.items).toHaveLength(2);
    expect((await api.get(`/api/v1/chat/sessions/${chatId}/unread`, ann.token)).body.count).toBe(1);
    const listed = async (who: TestUser) =>
      (await api.get('/api/v1/chat/sessions', who.token)).body.items.find((c: any) => c.id === chatId);
    expect((await listed(ann)).lastMessage.id).toBe(first.id);
    expect((await listed(ann)).unreadCount).toBe(1);
    expect((await listed(bob)).lastMessage.id).toBe(second.id);

    await sleep(300);
    expect(bobHeard).toEqual([]);
    // The REST caller's own tabs all hear it (the request came from none of them), once.
    expect(tabHeard).toHaveLength(1);
  });

  it('hides over the socket too (not echoed to that socket), and sync after a reconnect catches it', async ({
    api,
    openSocket,
  }) => {
    const groupId = await createGroup(api, carol, [ann, bob], 'Hide');
    const mine = await send(api, groupId, ann, 'my own');
    const theirs = await send(api, groupId, bob, 'theirs');
    const notice = (await api.get(messagesOf(groupId), ann.token)).body.items.find(
      (m: any) => m.type === 'SYSTEM',
    );
    const changedSince = new Date().toISOString();
    const sock = await openSocket({ token: ann.token });
    const echoed = collect(sock, 'message_hidden');
    for (const target of [mine, theirs, notice]) {
      const ack = await call(sock, 'hide_message', { messageId: target.id });
      expect(ack).toEqual({
        ok: true,
        data: { chatId: groupId, messageId: target.id, hiddenAt: expect.any(String) },
      });
    }
    // A tombstone can be hidden as well.
    const gone = await send(api, groupId, bob, 'deleted');
    expect((await api.delete(messageUrl(gone.id), bob.token)).status).toBe(200);
    expect((await call(sock, 'hide_message', { messageId: gone.id })).ok).toBe(true);
    await sleep(200);
    expect(echoed).toEqual([]);

    const back = await openSocket({ token: ann.token });
    const sync = await call(back, 'sync', { since: { [groupId]: 0 }, changedSince });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    expect(sync.data.messages).toEqual([]);
    expect(sync.data.changed).toEqual([]);
    expect(sync.data.hidden.map((h: any) => h.messageId).sort()).toEqual(
      [mine.id, theirs.id, notice.id, gone.id].sort(),
    );
    const first = await call(back, 'sync', { since: { [groupId]: 0 } });
    expect(first.ok && first.data.messages).toEqual([]);
    // Bob still has all of it.
    const bobSync = await call(await openSocket({ token: bob.token }), 'sync', { since: { [groupId]: 0 } });
    expect(bobSync.ok && ids(bobSync.data.messages)).toEqual(
      expect.arrayContaining([mine.id, theirs.id, notice.id, gone.id]),
    );
  });

  it('keeps delete for everyone as the default, and refuses what the caller cannot see or bad input', async ({
    api,
    openSocket,
    server,
  }) => {
    const chatId = await createDirect(api, bob, carol);
    const a = await send(api, chatId, bob, 'a');
    const b = await send(api, chatId, bob, 'b');
    const everyone = await api.delete(messageUrl(a.id), bob.token);
    expect(everyone.body.message).toMatchObject({ id: a.id, deletedAt: expect.any(String) });
    const explicit = await api.delete(`${messageUrl(b.id)}?forEveryone=true`, bob.token);
    expect(explicit.body.message).toMatchObject({ id: b.id, deletedAt: expect.any(String) });

    const c = await send(api, chatId, bob, 'c');
    // Ann is not in the chat: 404, as for an id that names nothing.
    expect((await api.delete(forMe(c.id), ann.token)).status).toBe(404);
    expect((await api.delete(forMe('00000000-0000-7000-8000-000000000000'), ann.token)).status).toBe(404);
    expect((await api.delete(forMe('nope'), carol.token)).status).toBe(404);
    for (const bad of ['maybe', '1', '']) {
      const res = await api.delete(`${messageUrl(c.id)}?forEveryone=${bad}`, carol.token);
      expect(res.status).toBe(400);
    }
    const annSock = await openSocket({ token: ann.token });
    expect(await call(annSock, 'hide_message', { messageId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(annSock, 'hide_message', { messageId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await server.database.prisma.hiddenMessage.count({ where: { messageId: c.id } })).toBe(0);
    // A message Carol did not write is still hers to hide, not to delete for everyone.
    expect((await api.delete(messageUrl(c.id), carol.token)).status).toBe(403);
    expect((await api.delete(forMe(c.id), carol.token)).status).toBe(200);
    expect(
      (await api.get(messagesOf(chatId), bob.token)).body.items.find((m: any) => m.id === c.id),
    ).toMatchObject({
      content: 'c',
      deletedAt: null,
    });
  });
});
