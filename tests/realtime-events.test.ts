// Every client and server event of the chat protocol, with real sockets.
import { type Api, type TestUser } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';
import { describe, expect, it } from './support/fixtures';

it.override('serverEnv', { PRESENCE_GRACE_MS: '300' });

async function pair(api: Api): Promise<[TestUser, TestUser, string]> {
  const a = await api.register('Ann');
  const b = await api.register('Bob');
  return [a, b, await createDirect(api, a, b)];
}

describe(`realtime events on ${TEST_DB}`, () => {
  it('delivers send_message to the other user and the sender’s other tabs, and confirms to the sender by the ack alone', async ({
    api,
    openSocket,
  }) => {
    const [a, b, chatId] = await pair(api);
    const aTab1 = await openSocket({ token: a.token });
    const aTab2 = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const echoed = collect(aTab1, 'message_received');
    // No event repeats the ack to the socket that sent it (one frame less per send).
    const heard: Array<{ event: string; id?: string }> = [];
    aTab1.onAny((event: string, payload?: { id?: string }) => heard.push({ event, id: payload?.id }));
    const atB = nextEvent<any>(bSock, 'message_received');
    const atTab2 = nextEvent<any>(aTab2, 'message_received');

    const ack = await call(aTab1, 'send_message', { chatId, content: 'hello', clientMessageId: 'c-1' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({
      chatId,
      content: 'hello',
      seq: expect.any(Number),
      clientMessageId: 'c-1',
    });
    expect((await atB).id).toBe(ack.data.id);
    expect((await atTab2).id).toBe(ack.data.id);
    await sleep(100);
    expect(echoed).toHaveLength(0);
    expect(heard.filter((h) => h.id === ack.data.id)).toEqual([]);
  });

  it('acks only what is stored, and a retry with the same clientMessageId returns the original', async ({
    api,
    server,
    openSocket,
  }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const atB = collect(bSock, 'message_received');
    const first = await call(aSock, 'send_message', { chatId, content: 'once', clientMessageId: 'retry-1' });
    const again = await call(aSock, 'send_message', { chatId, content: 'once', clientMessageId: 'retry-1' });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data.id).toBe(first.data.id);
    const stored = await server.database.prisma.chatMessage.findMany({ where: { chatId } });
    expect(stored.map((m) => m.id)).toEqual([first.data.id]);
    await sleep(100);
    expect(atB).toHaveLength(1);
  });

  it('turns REST sends, edits, deletes and reads into the same events', async ({ api, openSocket }) => {
    const [a, b, chatId] = await pair(api);
    const bSock = await openSocket({ token: b.token });
    const received = nextEvent<any>(bSock, 'message_received');
    const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'via REST' }, a.token);
    expect(res.status).toBe(201);
    const sent = { body: res.body.message };
    expect((await received).id).toBe(sent.body.id);

    const edited = nextEvent<any>(bSock, 'message_edited');
    expect(
      (await api.put(`/api/v1/chat/messages/${sent.body.id}`, { content: 'edited' }, a.token)).status,
    ).toBe(200);
    expect(await edited).toMatchObject({ id: sent.body.id, content: 'edited', editedAt: expect.any(String) });

    const aSock = await openSocket({ token: a.token });
    const read = nextEvent<any>(aSock, 'messages_read');
    expect((await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, b.token)).status).toBe(200);
    expect(await read).toMatchObject({ chatId, userId: b.id, upToSeq: sent.body.seq });

    const deleted = nextEvent<any>(bSock, 'message_deleted');
    expect((await api.delete(`/api/v1/chat/messages/${sent.body.id}`, a.token)).status).toBe(200);
    expect(await deleted).toMatchObject({ id: sent.body.id, content: '', deletedAt: expect.any(String) });
  });

  it('edits, deletes and marks read over the socket', async ({ api, openSocket }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const sent = await call(aSock, 'send_message', { chatId, content: 'draft' });
    if (!sent.ok) throw new Error('send failed');
    const edited = nextEvent<any>(bSock, 'message_edited');
    const editAck = await call(aSock, 'edit_message', { messageId: sent.data.id, content: 'final' });
    expect(editAck).toMatchObject({ ok: true, data: { content: 'final' } });
    expect((await edited).content).toBe('final');

    const read = nextEvent<any>(aSock, 'messages_read');
    const readAck = await call(bSock, 'mark_as_read', { chatId });
    expect(readAck).toMatchObject({ ok: true, data: { chatId, userId: b.id, upToSeq: sent.data.seq } });
    expect(await read).toMatchObject({ userId: b.id, upToSeq: sent.data.seq });

    const deleted = nextEvent<any>(bSock, 'message_deleted');
    expect(await call(aSock, 'delete_message', { messageId: sent.data.id })).toMatchObject({ ok: true });
    expect((await deleted).deletedAt).toBeTruthy();
  });

  it('pages history and counts unread over the socket, answering exactly as REST does', async ({
    api,
    openSocket,
  }) => {
    const [a, b, chatId] = await pair(api);
    for (let i = 1; i <= 7; i++) {
      await api.post(
        `/api/v1/chat/sessions/${chatId}/messages`,
        { content: `m${i}` },
        i % 2 ? b.token : a.token,
      );
    }
    const aSock = await openSocket({ token: a.token });
    const first = await call(aSock, 'fetch_messages', { chatId, limit: 3 });
    const rest = await api.get(`/api/v1/chat/sessions/${chatId}/messages?limit=3`, a.token);
    expect(first).toEqual({ ok: true, data: rest.body });
    if (!first.ok) return;
    expect(first.data.items.map((m: any) => m.content)).toEqual(['m7', 'm6', 'm5']);
    const older = await call(aSock, 'fetch_messages', {
      chatId,
      limit: 3,
      before: Number(first.data.nextCursor),
    });
    expect(older).toMatchObject({
      ok: true,
      data: { items: [{ content: 'm4' }, { content: 'm3' }, { content: 'm2' }] },
    });
    const newer = await call(aSock, 'fetch_messages', { chatId, after: 5 });
    expect(newer).toMatchObject({ ok: true, data: { items: [{ seq: 6 }, { seq: 7 }], nextCursor: null } });

    // Sending m6 read everything before it for Ann: only Bob's m7 is unread.
    expect(await call(aSock, 'get_unread', { chatId })).toEqual({
      ok: true,
      data: { chatId, count: 1, mentionCount: 0 },
    });
    expect((await api.get(`/api/v1/chat/sessions/${chatId}/unread`, a.token)).body).toEqual({
      count: 1,
      mentionCount: 0,
    });
  });

  it('refuses bad history and unread requests with VALIDATION and keeps the socket', async ({
    api,
    openSocket,
  }) => {
    const [a, , chatId] = await pair(api);
    const sock = await openSocket({ token: a.token });
    const bad: unknown[] = [
      undefined,
      { chatId: 'not-a-uuid' },
      { chatId, before: 3, after: 1 },
      { chatId, before: -1 },
      { chatId, before: '5' },
      { chatId, limit: 0 },
      { chatId, limit: 2.5 },
      { chatId, after: true },
    ];
    for (const payload of bad) {
      const res = await call(sock, 'fetch_messages', payload);
      expect(res, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await call(sock, 'get_unread', { chatId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(sock.connected).toBe(true);
    expect(await call(sock, 'get_unread', { chatId })).toEqual({
      ok: true,
      data: { chatId, count: 0, mentionCount: 0 },
    });
  });

  it('shows typing to others, stops it on request and by itself after 3 s', async ({ api, openSocket }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const selfTyping = collect(aSock, 'user_typing');
    const typing = nextEvent<any>(bSock, 'user_typing');
    expect(await call(aSock, 'typing_start', { chatId })).toEqual({ ok: true, data: null });
    expect(await typing).toEqual({ chatId, userId: a.id, name: 'Ann' });
    const stopped = nextEvent<any>(bSock, 'user_stopped_typing');
    await call(aSock, 'typing_indicator', { chatId, isTyping: false });
    expect(await stopped).toEqual({ chatId, userId: a.id });
    expect(selfTyping).toHaveLength(0);

    await call(aSock, 'typing_indicator', { chatId, isTyping: true });
    const started = Date.now();
    await nextEvent(bSock, 'user_stopped_typing', 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);

    const stop = nextEvent(bSock, 'user_stopped_typing');
    await call(aSock, 'typing_start', { chatId });
    await call(aSock, 'typing_stop', { chatId });
    await stop;
  });

  it('keeps a user online across tabs and marks them offline after the last one closes', async ({
    api,
    server,
    openSocket,
  }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const online = nextEvent<any>(aSock, 'user_online', 5000, (p) => p.userId === b.id);
    const b1 = await openSocket({ token: b.token });
    expect(await online).toEqual({ userId: b.id });
    const b2 = await openSocket({ token: b.token });

    const offline = collect(aSock, 'user_offline');
    b1.disconnect();
    await sleep(700);
    expect(offline).toHaveLength(0);
    expect(await call(aSock, 'get_online_users', { chatId })).toMatchObject({
      ok: true,
      data: { chatId, userIds: expect.arrayContaining([a.id, b.id]) },
    });

    b2.disconnect();
    const gone = await nextEvent<any>(aSock, 'user_offline', 3000);
    expect(gone).toMatchObject({ userId: b.id, lastSeenAt: expect.any(String) });
    const row = await server.database.prisma.userPresence.findUniqueOrThrow({ where: { userId: b.id } });
    expect(row.status).toBe('OFFLINE');
    expect(row.lastSeenAt).not.toBeNull();
  });

  it('publishes presence_update, user_online and user_offline choices and answers get_online_users', async ({
    api,
    openSocket,
  }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const update = nextEvent<any>(aSock, 'presence_update', 5000, (p) => p.status === 'away');
    expect(await call(bSock, 'presence_update', { status: 'away' })).toEqual({
      ok: true,
      data: { status: 'away' },
    });
    expect(await update).toMatchObject({ userId: b.id, status: 'away' });

    await call(bSock, 'user_offline');
    const list = nextEvent<any>(aSock, 'online_users');
    const res = await call(aSock, 'get_online_users', { chatId });
    expect(res).toMatchObject({ ok: true });
    expect((await list).userIds).not.toContain(b.id);
    await call(bSock, 'user_online');
    const again = await call(aSock, 'get_online_users', { chatId });
    expect(again.ok && again.data.userIds).toContain(b.id);
  });

  it('creates a chat over the socket; every participant hears chat_created and can talk at once', async ({
    api,
    openSocket,
  }) => {
    const a = await api.register('Cat');
    const b = await api.register('Dan');
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const created = nextEvent<any>(bSock, 'chat_created');
    const ack = await call(aSock, 'create_chat', { type: 'DIRECT', targetUserId: b.id });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect((await created).id).toBe(ack.data.id);
    const received = nextEvent<any>(bSock, 'message_received');
    await call(aSock, 'send_message', { chatId: ack.data.id, content: 'first!' });
    expect((await received).content).toBe('first!');
  });

  it('unsubscribes with leave_chat and subscribes again with join_chat', async ({ api, openSocket }) => {
    const [a, b, chatId] = await pair(api);
    const aSock = await openSocket({ token: a.token });
    const bSock = await openSocket({ token: b.token });
    const left = nextEvent(bSock, 'chat_left');
    const userLeft = nextEvent<any>(aSock, 'user_left_chat');
    expect(await call(bSock, 'leave_chat', { chatId })).toEqual({ ok: true, data: { chatId } });
    await left;
    expect(await userLeft).toEqual({ chatId, userId: b.id });
    const missed = collect(bSock, 'message_received');
    await call(aSock, 'send_message', { chatId, content: 'not for b live' });
    await sleep(150);
    expect(missed).toHaveLength(0);

    const joined = nextEvent(bSock, 'chat_joined');
    const userJoined = nextEvent<any>(aSock, 'user_joined_chat');
    expect(await call(bSock, 'join_chat', { chatId })).toEqual({ ok: true, data: { chatId } });
    await joined;
    expect(await userJoined).toEqual({ chatId, userId: b.id });
    const live = nextEvent<any>(bSock, 'message_received');
    await call(aSock, 'send_message', { chatId, content: 'for b' });
    expect((await live).content).toBe('for b');
  });

  it('fans a message out to a group of 50', async ({ api, openSocket }) => {
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => api.register(`G${i}`)));
    const [admin, ...members] = users as [TestUser, ...TestUser[]];
    const chatId = await createGroup(api, admin, members, 'Fifty');
    const sockets = await Promise.all(users.map((u) => openSocket({ token: u.token })));
    const [sender, ...receivers] = sockets as [(typeof sockets)[0], ...typeof sockets];
    const all = receivers.map((s) => nextEvent<any>(s, 'message_received'));
    const ack = await call(sender, 'send_message', { chatId, content: 'hi all' });
    expect(ack.ok).toBe(true);
    const got = await Promise.all(all);
    expect(got.every((m) => m.content === 'hi all')).toBe(true);
  });

  it('re-authenticates a live socket with a fresh token, and refuses another account’s token', async ({
    api,
    openSocket,
  }) => {
    const a = await api.register('Re');
    const other = await api.register('Other');
    const sock = await openSocket({ token: a.token });
    const fresh = await api.post('/api/v1/auth/token', { email: a.email, password: a.password });
    const ok = await call(sock, 'authenticate', { token: fresh.body.token });
    expect(ok).toMatchObject({ ok: true, data: { userId: a.id, expiresAt: expect.any(String) } });
    expect(await call(sock, 'authenticate', { token: other.token })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(sock, 'authenticate', { token: 'junk' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(sock.connected).toBe(true);
  });

  it('emits error when an event without an ack fails', async ({ api, openSocket }) => {
    const a = await api.register('NoAck');
    const sock = await openSocket({ token: a.token });
    const error = nextEvent<any>(sock, 'error');
    sock.emit('send_message', { chatId: 'nope', content: 'x' } as never);
    expect(await error).toMatchObject({ code: 'VALIDATION', event: 'send_message' });
  });
});
