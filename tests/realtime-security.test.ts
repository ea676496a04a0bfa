// Outsiders, removed members, expired tokens, floods and junk payloads.
import fc from 'fast-check';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';
import { describe, expect, it } from './support/fixtures';

it.override('serverEnv', {
  PRESENCE_GRACE_MS: '100',
  SOCKET_EVENTS_PER_SECOND: '20',
  USER_EVENTS_PER_SECOND: '1000',
});

const EVENTS = [
  'authenticate',
  'join_chat',
  'leave_chat',
  'send_message',
  'edit_message',
  'delete_message',
  'mark_as_read',
  'typing_start',
  'typing_stop',
  'typing_indicator',
  'user_online',
  'user_offline',
  'presence_update',
  'create_chat',
  'get_online_users',
  'sync',
  'fetch_messages',
  'get_unread',
];

describe(`realtime security on ${TEST_DB}`, () => {
  it('refuses an outsider at every chat event, with no broadcast and nothing stored', async ({
    api,
    server,
    openSocket,
  }) => {
    const a = await api.register('Ann');
    const b = await api.register('Bob');
    const eve = await api.register('Eve');
    const chatId = await createDirect(api, a, b);
    const msg = {
      body: (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'private' }, a.token)).body
        .message,
    };
    const bSock = await openSocket({ token: b.token });
    const heard = [
      'message_received',
      'message_edited',
      'message_deleted',
      'messages_read',
      'user_typing',
    ].map((e) => collect(bSock, e));
    const eveSock = await openSocket({ token: eve.token });
    const attempts: Array<[string, unknown]> = [
      ['join_chat', { chatId }],
      ['leave_chat', { chatId }],
      ['send_message', { chatId, content: 'intrude' }],
      ['edit_message', { messageId: msg.body.id, content: 'hacked' }],
      ['delete_message', { messageId: msg.body.id }],
      ['mark_as_read', { chatId }],
      ['typing_start', { chatId }],
      ['typing_indicator', { chatId, isTyping: true }],
      ['get_online_users', { chatId }],
      ['fetch_messages', { chatId }],
      ['fetch_messages', { chatId, after: 0 }],
      ['get_unread', { chatId }],
    ];
    for (const [event, payload] of attempts) {
      const res = await call(eveSock, event, payload);
      expect(res.ok, event).toBe(false);
      if (!res.ok) expect(['NOT_FOUND', 'FORBIDDEN'], event).toContain(res.error.code);
    }
    const sync = await call(eveSock, 'sync', { since: { [chatId]: 0 } });
    expect(sync).toMatchObject({ ok: true, data: { messages: [], removedChatIds: [chatId] } });
    await sleep(200);
    expect(heard.every((h) => h.length === 0)).toBe(true);
    const stored = await server.database.prisma.chatMessage.findMany({ where: { chatId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.content).toBe('private');
    expect(eveSock.connected).toBe(true);
  });

  it('takes a removed member out of the chat’s live events at once', async ({ api, openSocket }) => {
    const admin = await api.register('Admin');
    const kept = await api.register('Kept');
    const removed = await api.register('Removed');
    const chatId = await createGroup(api, admin, [kept, removed]);
    const adminSock = await openSocket({ token: admin.token });
    const removedSock = await openSocket({ token: removed.token });
    const left = nextEvent<any>(removedSock, 'participant_left');
    const res = await api.put(
      `/api/v1/chat/sessions/${chatId}`,
      { removeParticipantIds: [removed.id] },
      admin.token,
    );
    expect(res.status).toBe(200);
    expect(await left).toMatchObject({ chatId, userId: removed.id, removedBy: admin.id });
    const after = collect(removedSock, 'message_received');
    await call(adminSock, 'send_message', { chatId, content: 'after removal' });
    await sleep(200);
    expect(after).toHaveLength(0);
    expect(await call(removedSock, 'typing_start', { chatId })).toMatchObject({ ok: false });
    expect(await call(removedSock, 'send_message', { chatId, content: 'still here?' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses floods with RATE_LIMITED and keeps the socket connected', async ({ api, openSocket }) => {
    const a = await api.register('Flood');
    const sock = await openSocket({ token: a.token });
    const results = await Promise.all(
      Array.from({ length: 120 }, () => call(sock, 'presence_update', { status: 'online' })),
    );
    const limited = results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(sock.connected).toBe(true);
    await sleep(2100);
    expect(await call(sock, 'presence_update', { status: 'online' })).toMatchObject({ ok: true });
  });

  it('refuses packets over the size limit without crashing', async ({ api, openSocket }) => {
    const a = await api.register('Big');
    const sock = await openSocket({ token: a.token });
    const closed = nextEvent(sock, 'disconnect');
    sock.emit('send_message', { chatId: crypto.randomUUID(), content: 'x'.repeat(200_000) } as never);
    await closed;
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('survives fuzzed payloads on every event and never broadcasts junk', async ({
    api,
    server,
    openSocket,
  }) => {
    const a = await api.register('Fuzz');
    const b = await api.register('Witness');
    const chatId = await createDirect(api, a, b);
    const witness = await openSocket({ token: b.token });
    const heard = collect(witness, 'message_received');
    const sock = await openSocket({ token: a.token });
    const before = await server.database.prisma.chatMessage.count();
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ chatId: fc.oneof(fc.string(), fc.integer(), fc.constant(chatId)), content: fc.anything() }),
      fc.record({ chatId: fc.constant(chatId), content: fc.string({ maxLength: 10 }), type: fc.string() }),
      fc.record({ since: fc.anything(), changedSince: fc.anything() }),
      fc.record({
        chatId: fc.constant(chatId),
        before: fc.anything(),
        after: fc.anything(),
        limit: fc.anything(),
      }),
      fc.record({
        messageId: fc.anything(),
        content: fc.anything(),
        status: fc.anything(),
        isTyping: fc.anything(),
      }),
      fc.constant({ __proto__: { chatId } }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EVENTS), junk, async (event, payload) => {
        const res = await call(sock, event, payload);
        // Accepted junk is only ever well-formed input (e.g. presence with a valid status).
        if (res.ok && event === 'send_message') {
          expect(typeof (payload as { content?: unknown }).content).toBe('string');
        }
        await sleep(30); // stay under the rate limit
      }),
      { numRuns: 120 },
    );
    const sent = (await server.database.prisma.chatMessage.count()) - before;
    expect(heard).toHaveLength(sent);
    expect(heard.every((m) => typeof m.content === 'string' && m.chatId === chatId)).toBe(true);
    expect(sock.connected).toBe(true);
    expect((await api.get('/api/health')).status).toBe(200);
  });
});
