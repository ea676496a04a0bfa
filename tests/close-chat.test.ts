// Closing (unmatching) a direct chat (issue 15, item 3): nobody can send in
// it any more, both see the same neutral "This chat has ended", its live
// events stop, its messages stay for CLOSED_CHAT_RETENTION_DAYS and then go.
import { purgeClosedChats } from '@/lib/chat/purge-closed-chats';
import type { Api, TestUser } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const closeOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/close`;
const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;
const CLOSED = { code: 'CHAT_CLOSED', message: 'This chat has ended: no more messages can be sent in it.' };

async function pair(api: Api): Promise<[TestUser, TestUser, string]> {
  const ann = await api.register('Ann');
  const bob = await api.register('Bob');
  return [ann, bob, await createDirect(api, ann, bob)];
}

const messageCount = (server: TestServer, chatId: string) =>
  server.database.prisma.chatMessage.count({ where: { chatId } });

describe(`closing a direct chat on ${TEST_DB}`, () => {
  it('closes it for both: sends refused over REST and the socket, nothing stored, the other person told neutrally', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    await api.post(messagesOf(chatId), { content: 'hello' }, bob.token);
    const bobSock = await openSocket({ token: bob.token });
    const heard = nextEvent<{ chatId: string; closedAt: string }>(bobSock, 'chat_closed');

    const closed = await api.post(closeOf(chatId), {}, ann.token);
    expect(closed.status).toBe(200);
    expect(closed.body.chat).toMatchObject({ id: chatId, type: 'DIRECT', closedAt: expect.any(String) });
    // Bob hears the same news whoever closed it: no closedById, no "blocked".
    expect(await heard).toEqual({ chatId, closedAt: closed.body.chat.closedAt });

    const before = await messageCount(server, chatId);
    for (const who of [ann, bob]) {
      const res = await api.post(messagesOf(chatId), { content: 'still there?' }, who.token);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual(CLOSED);
    }
    const ack = await call(bobSock, 'send_message', { chatId, content: 'hi?', clientMessageId: 'c-1' });
    expect(ack).toEqual({ ok: false, error: CLOSED });
    expect(await messageCount(server, chatId)).toBe(before);

    // Both still have it, marked closed, with its history readable.
    for (const who of [ann, bob]) {
      const chat = await api.get(`/api/v1/chat/sessions/${chatId}`, who.token);
      expect(chat.body.chat.closedAt).toBe(closed.body.chat.closedAt);
      const history = await api.get(messagesOf(chatId), who.token);
      expect(history.body.items.map((m: any) => m.content)).toEqual(['hello']);
      const list = await api.get('/api/v1/chat/sessions', who.token);
      expect(list.body.items.find((c: any) => c.id === chatId)?.closedAt).toBe(closed.body.chat.closedAt);
    }
    // Closing again changes nothing; opening the chat again returns it, still closed.
    const again = await api.post(closeOf(chatId), {}, bob.token);
    expect(again.status).toBe(200);
    expect(again.body.chat.closedAt).toBe(closed.body.chat.closedAt);
    const reopened = await api.post('/api/v1/chat/sessions', { type: 'DIRECT', targetUserId: ann.id }, bob.token);
    expect(reopened.body.chat).toMatchObject({ id: chatId, closedAt: closed.body.chat.closedAt });
  });

  it('stops typing and live events, and keeps a new socket out of its room', async ({ api, openSocket }) => {
    const [ann, bob, chatId] = await pair(api);
    const annSock = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    await api.post(closeOf(chatId), {}, ann.token);
    await sleep(100);
    const typing = collect(annSock, 'user_typing');
    expect((await call(bobSock, 'typing_start', { chatId })).ok).toBe(false);
    const rejoin = await call(bobSock, 'join_chat', { chatId });
    expect(rejoin).toEqual({ ok: false, error: CLOSED });
    const online = await call(bobSock, 'get_online_users', { chatId });
    expect(online.ok).toBe(false);
    // A socket opened after the close is not put in its room either.
    const later = await openSocket({ token: bob.token });
    expect((await call(later, 'typing_start', { chatId })).ok).toBe(false);
    // Edits of earlier messages are refused too (they would reach the other person's history).
    await sleep(100);
    expect(typing).toEqual([]);
  });

  it('refuses edits in a closed chat, keeps deletes, and closes only direct chats you are in', async ({
    api,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    const sent = await api.post(messagesOf(chatId), { content: 'tpyo' }, ann.token);
    const cat = await api.register('Cat');
    await api.post(closeOf(chatId), {}, bob.token);
    const edit = await api.put(`/api/v1/chat/messages/${sent.body.message.id}`, { content: 'typo' }, ann.token);
    expect(edit.status).toBe(403);
    expect(edit.body.error).toEqual(CLOSED);
    expect((await api.delete(`/api/v1/chat/messages/${sent.body.message.id}`, ann.token)).status).toBe(200);

    // Someone else's chat reads as unknown; so does a made-up id or a malformed one.
    const stranger = await api.post(closeOf(chatId), {}, cat.token);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
    expect((await api.post(closeOf(crypto.randomUUID()), {}, cat.token)).body).toEqual(stranger.body);
    expect((await api.post(closeOf('not-an-id'), {}, cat.token)).status).toBe(404);
    const groupId = await createGroup(api, ann, [bob, cat]);
    const group = await api.post(closeOf(groupId), {}, ann.token);
    expect(group.status).toBe(400);
    expect(group.body.error.code).toBe('VALIDATION');
    expect((await api.get(`/api/v1/chat/sessions/${groupId}`, ann.token)).body.chat.closedAt).toBeNull();
    expect((await api.request('POST', closeOf(chatId))).status).toBe(401);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('keeps the messages for the retention period, then deletes the chat and tells its people', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob, chatId] = await pair(api);
    await api.post(messagesOf(chatId), { content: 'keep me for now' }, ann.token);
    await api.post(closeOf(chatId), {}, ann.token);
    const prisma = server.database.prisma;
    // Closed 89 days ago: still kept (the default retention is 90 days).
    await prisma.chatSession.update({
      where: { id: chatId },
      data: { closedAt: new Date(Date.now() - 89 * 24 * 3600 * 1000) },
    });
    expect(await purgeClosedChats()).not.toContain(chatId);
    expect(await messageCount(server, chatId)).toBe(1);

    const bobSock = await openSocket({ token: bob.token });
    const deleted = nextEvent<{ chatId: string }>(bobSock, 'chat_deleted');
    await prisma.chatSession.update({
      where: { id: chatId },
      data: { closedAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) },
    });
    expect(await purgeClosedChats()).toEqual([chatId]);
    expect(await deleted).toEqual({ chatId });
    expect(await messageCount(server, chatId)).toBe(0);
    expect((await api.get(`/api/v1/chat/sessions/${chatId}`, bob.token)).status).toBe(404);
  });
});
