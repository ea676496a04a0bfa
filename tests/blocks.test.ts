// Blocking (issue 15, item 2): while one person blocks another, either way,
// no new direct chat, nothing more sent in theirs (REST and socket), its live
// events stop, and the blocked person no longer finds the blocker. Silent
// for the blocked person; undone by unblocking.
import type { Api, TestUser } from './support/api';
import { createDirect, createGroup, sleep, waitFor } from './support/chat';
import { call, collect } from './support/emit';
import { describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const BLOCKS = '/api/v1/blocks';
const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;
const ENDED = { code: 'BLOCKED', message: 'This chat has ended: no more messages can be sent in it.' };

async function pair(api: Api): Promise<[TestUser, TestUser, string]> {
  const ann = await api.register('Ann');
  const bob = await api.register('Bob');
  return [ann, bob, await createDirect(api, ann, bob)];
}

const blockCount = (server: TestServer) => server.database.prisma.userBlock.count();
const messageCount = (server: TestServer, chatId: string) =>
  server.database.prisma.chatMessage.count({ where: { chatId } });

describe(`blocks on ${TEST_DB}`, () => {
  it('blocks once (201, then 200), lists only your own blocks, and unblocks (204, then 404)', async ({
    api,
  }) => {
    const [ann, bob] = await pair(api);
    const cat = await api.register('Cat');
    const first = await api.post(BLOCKS, { userId: bob.id }, ann.token);
    expect(first.status).toBe(201);
    expect(first.body.block).toEqual({
      user: { id: bob.id, name: 'Bob', avatarUrl: null },
      createdAt: expect.any(String),
    });
    const again = await api.post(BLOCKS, { userId: bob.id.toUpperCase() }, ann.token);
    expect(again.status).toBe(200);
    expect(again.body.block.createdAt).toBe(first.body.block.createdAt);

    expect((await api.get(BLOCKS, ann.token)).body.blocks.map((b: any) => b.user.id)).toEqual([bob.id]);
    // Nobody else sees Ann's list, Bob included.
    expect((await api.get(BLOCKS, bob.token)).body.blocks).toEqual([]);
    expect((await api.get(BLOCKS, cat.token)).body.blocks).toEqual([]);

    expect((await api.delete(`${BLOCKS}/${bob.id}`, ann.token)).status).toBe(204);
    expect((await api.get(BLOCKS, ann.token)).body.blocks).toEqual([]);
    const twice = await api.delete(`${BLOCKS}/${bob.id}`, ann.token);
    expect(twice.status).toBe(404);
    expect(twice.body.error).toEqual({ code: 'NOT_FOUND', message: 'You do not block this person.' });
    // Bob cannot lift a block that is Ann's.
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    expect((await api.delete(`${BLOCKS}/${ann.id}`, bob.token)).status).toBe(404);
    expect((await api.get(BLOCKS, ann.token)).body.blocks).toHaveLength(1);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async ({ api, server }) => {
    const ann = await api.register('Ann');
    const before = await blockCount(server);
    for (const body of [
      {},
      { userId: 'nope' },
      { userId: 42 },
      { userId: null },
      [],
      'x',
      { userId: ann.id },
    ]) {
      const res = await api.post(BLOCKS, body, ann.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await api.post(BLOCKS, { userId: ann.id }, ann.token)).body.error.message).toBe(
      'userId: You cannot block yourself.',
    );
    const unknown = await api.post(BLOCKS, { userId: crypto.randomUUID() }, ann.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await api.request('POST', BLOCKS, { raw: '{"userId":', token: ann.token })).status).toBe(400);
    expect((await api.delete(`${BLOCKS}/not-an-id`, ann.token)).status).toBe(404);
    for (const [method, path] of [
      ['GET', BLOCKS],
      ['POST', BLOCKS],
      ['DELETE', `${BLOCKS}/${ann.id}`],
    ] as const) {
      const res = await api.request(method, path, method === 'POST' ? { body: { userId: ann.id } } : {});
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await blockCount(server)).toBe(before);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('refuses a new direct chat either way: 403 for the blocker, "no such user" for the blocked', async ({
    api,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    const byAnn = await api.post(
      '/api/v1/chat/sessions',
      { type: 'DIRECT', targetUserId: bob.id },
      ann.token,
    );
    expect(byAnn.status).toBe(403);
    expect(byAnn.body.error).toEqual({
      code: 'BLOCKED',
      message: 'You block this person: unblock them to chat with them.',
    });
    const byBob = await api.post(
      '/api/v1/chat/sessions',
      { type: 'DIRECT', targetUserId: ann.id },
      bob.token,
    );
    const nobody = await api.post(
      '/api/v1/chat/sessions',
      { type: 'DIRECT', targetUserId: crypto.randomUUID() },
      bob.token,
    );
    expect(byBob.status).toBe(404);
    expect(byBob.body).toEqual(nobody.body);
    await api.delete(`${BLOCKS}/${bob.id}`, ann.token);
    expect(
      (await api.post('/api/v1/chat/sessions', { type: 'DIRECT', targetUserId: ann.id }, bob.token)).status,
    ).toBe(201);
  });

  it('refuses sends in their direct chat from both sides, over REST and the socket, storing and delivering nothing', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const annSock = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    expect(
      (await call(annSock, 'send_message', { chatId, content: 'before', clientMessageId: 'b-1' })).ok,
    ).toBe(true);
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    const heardByAnn = collect(annSock, 'message_received');
    const heardByBob = collect(bobSock, 'message_received');
    const stored = await messageCount(server, chatId);

    for (const user of [ann, bob]) {
      const res = await api.post(messagesOf(chatId), { content: 'hello?' }, user.token);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual(ENDED);
    }
    for (const sock of [annSock, bobSock]) {
      expect(await call(sock, 'send_message', { chatId, content: 'still there?' })).toEqual({
        ok: false,
        error: ENDED,
      });
    }
    // Nor can a message from before be rewritten; deleting your own stays possible.
    const earlier = (await api.get(messagesOf(chatId), ann.token)).body.items[0];
    const edit = await api.put(`/api/v1/chat/messages/${earlier.id}`, { content: 'rewritten' }, ann.token);
    expect(edit.status).toBe(403);
    expect(edit.body.error).toEqual(ENDED);
    expect(await call(annSock, 'edit_message', { messageId: earlier.id, content: 'rewritten' })).toEqual({
      ok: false,
      error: ENDED,
    });
    // A retry of a message stored before the block still answers with it.
    const retry = await call(annSock, 'send_message', { chatId, content: 'before', clientMessageId: 'b-1' });
    expect(retry.ok).toBe(true);
    await sleep(300);
    expect(await messageCount(server, chatId)).toBe(stored);
    expect([...heardByAnn, ...heardByBob]).toEqual([]);
    // The chat stays theirs: a sync does not report it gone.
    const synced = await call(bobSock, 'sync', { since: { [chatId]: 0 } });
    expect(synced.ok && synced.data.removedChatIds).toEqual([]);
    // The history stays readable.
    expect((await api.get(messagesOf(chatId), bob.token)).body.items.map((m: any) => m.content)).toEqual([
      'before',
    ]);
  });

  it('stops typing and read receipts between them, tells only the blocker, and starts them again on unblock', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const annSock = await openSocket({ token: ann.token });
    const annTab = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    await api.post(messagesOf(chatId), { content: 'hi Bob' }, ann.token);

    const told = nextEvent<any>(annTab, 'user_blocked');
    const bobTold = collect(bobSock, 'user_blocked');
    expect((await api.post(BLOCKS, { userId: bob.id }, ann.token)).status).toBe(201);
    expect(await told).toEqual({ userId: bob.id });

    const typing = collect(annSock, 'user_typing');
    const receipts = collect(annSock, 'messages_read');
    // Bob's socket is out of the chat's room: typing there is refused like any chat it is not in.
    expect((await call(bobSock, 'typing_start', { chatId })).ok).toBe(false);
    expect((await call(bobSock, 'mark_as_read', { chatId })).ok).toBe(true);
    expect(await call(bobSock, 'join_chat', { chatId })).toEqual({ ok: false, error: ENDED });
    expect(await call(bobSock, 'get_online_users', { chatId })).toEqual({ ok: false, error: ENDED });
    await sleep(300);
    expect(typing).toEqual([]);
    expect(receipts).toEqual([]);
    expect(bobTold).toEqual([]);

    const unblocked = nextEvent<any>(annTab, 'user_unblocked');
    expect((await api.delete(`${BLOCKS}/${bob.id}`, ann.token)).status).toBe(204);
    expect(await unblocked).toEqual({ userId: bob.id });
    const backTyping = nextEvent<any>(annSock, 'user_typing');
    await call(bobSock, 'typing_stop', { chatId });
    await call(bobSock, 'typing_start', { chatId });
    expect(await backTyping).toMatchObject({ chatId, userId: bob.id });
    const arrived = nextEvent<any>(annSock, 'message_received');
    expect((await call(bobSock, 'send_message', { chatId, content: 'sorry' })).ok).toBe(true);
    expect((await arrived).content).toBe('sorry');
  });

  it('keeps the chat quiet while either still blocks: both blocks, one lifted', async ({ api }) => {
    const [ann, bob, chatId] = await pair(api);
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    await api.post(BLOCKS, { userId: ann.id }, bob.token);
    await api.delete(`${BLOCKS}/${bob.id}`, ann.token);
    expect((await api.post(messagesOf(chatId), { content: 'x' }, ann.token)).status).toBe(403);
    await api.delete(`${BLOCKS}/${ann.id}`, bob.token);
    expect((await api.post(messagesOf(chatId), { content: 'x' }, ann.token)).status).toBe(201);
  });

  it('hides the blocker from the blocked person in people search, and leaves shared groups working', async ({
    api,
  }) => {
    const tag = crypto.randomUUID().slice(0, 6);
    const ann = await api.register(`Ann ${tag}`);
    const bob = await api.register(`Bob ${tag}`);
    const cat = await api.register(`Cat ${tag}`);
    const groupId = await createGroup(api, ann, [bob, cat], 'Club');
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    const found = async (user: TestUser) =>
      (await api.get(`/api/v1/users/search?q=${tag}`, user.token)).body.users.map((u: any) => u.name).sort();
    expect(await found(bob)).toEqual([`Cat ${tag}`]);
    expect(await found(ann)).toEqual([`Bob ${tag}`, `Cat ${tag}`]);
    expect(await found(cat)).toEqual([`Ann ${tag}`, `Bob ${tag}`]);
    expect((await api.post(messagesOf(groupId), { content: 'in the group' }, bob.token)).status).toBe(201);
  });

  it('in a group they share, stops typing, presence and read receipts between them, and only between them', async ({
    api,
    openSocket,
  }) => {
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const cat = await api.register('Cat');
    const groupId = await createGroup(api, ann, [bob, cat], 'Club');
    await api.post(BLOCKS, { userId: bob.id }, ann.token);
    const annSock = await openSocket({ token: ann.token });
    const catSock = await openSocket({ token: cat.token });
    const annHeard = {
      typing: collect(annSock, 'user_typing'),
      online: collect(annSock, 'user_online'),
      read: collect(annSock, 'messages_read'),
    };
    const catHeard = {
      typing: collect(catSock, 'user_typing'),
      online: collect(catSock, 'user_online'),
      read: collect(catSock, 'messages_read'),
    };

    // Bob comes online, types and reads in the group: Cat sees all of it, Ann none.
    const bobSock = await openSocket({ token: bob.token });
    await api.post(messagesOf(groupId), { content: 'hello club' }, cat.token);
    await call(bobSock, 'typing_start', { chatId: groupId });
    await call(bobSock, 'mark_as_read', { chatId: groupId });
    await waitFor(() => catHeard.read.some((r) => r.userId === bob.id), 5000, 'Cat hears Bob read');
    await sleep(200);
    expect(catHeard.online.map((e) => e.userId)).toContain(bob.id);
    expect(catHeard.typing.map((e) => e.userId)).toEqual([bob.id]);
    expect(annHeard.online.map((e) => e.userId)).not.toContain(bob.id);
    expect(annHeard.typing).toEqual([]);
    expect(annHeard.read.filter((r) => r.userId === bob.id)).toEqual([]);

    // Either way: Bob does not hear Ann type or come online, nor see her among the group's online people.
    const bobHeard = collect(bobSock, 'user_typing');
    await call(annSock, 'typing_start', { chatId: groupId });
    const online = await call<{ userIds: string[] }>(bobSock, 'get_online_users', { chatId: groupId });
    if (!online.ok) throw new Error(online.error.message);
    expect(online.data.userIds).not.toContain(ann.id);
    expect(online.data.userIds).toContain(cat.id);
    await waitFor(() => catHeard.typing.some((e) => e.userId === ann.id), 5000, 'Cat hears Ann type');
    await sleep(200);
    expect(bobHeard).toEqual([]);
    // The group's details show Bob's presence to Cat, and never to Ann.
    const presenceOf = async (viewer: TestUser, who: TestUser) =>
      (await api.get(`/api/v1/chat/sessions/${groupId}`, viewer.token)).body.chat.participants.find(
        (p: any) => p.id === who.id,
      ).presence;
    expect((await presenceOf(cat, bob)).status).toBe('online');
    expect(await presenceOf(ann, bob)).toEqual({ status: 'offline', lastSeenAt: null });
    expect(await presenceOf(bob, ann)).toEqual({ status: 'offline', lastSeenAt: null });

    // Unblocked: Ann hears Bob type again.
    await api.delete(`${BLOCKS}/${bob.id}`, ann.token);
    await call(bobSock, 'typing_stop', { chatId: groupId });
    await call(bobSock, 'typing_start', { chatId: groupId });
    await waitFor(() => annHeard.typing.some((e) => e.userId === bob.id), 5000, 'Ann hears Bob type again');
    expect((await presenceOf(ann, bob)).status).toBe('online');
  });
});
