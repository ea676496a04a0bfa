// One budget per user for writes and one for expensive reads, drawn from by
// REST and the socket alike, and a cap on a user's open sockets. Refusals
// are 429 with Retry-After (RATE_LIMITED acks) and store nothing.
import { registerAll } from './support/api';
import { createDirect } from './support/chat';
import { call } from './support/emit';
import { TEST_DB, type TestServer } from './support/server';
import { describe, expect, it } from './support/fixtures';

// Two seconds' worth: 6 sends (or 1 group) of writes, 2 syncs of reads, 3 sockets.
it.override('serverEnv', {
  USER_WRITES_PER_SECOND: '3',
  USER_READS_PER_SECOND: '5',
  SOCKET_MAX_PER_USER: '3',
  SOCKET_EVENTS_PER_SECOND: '1000',
  USER_EVENTS_PER_SECOND: '1000',
});

const countMessages = (server: TestServer, chatId: string, senderId: string) =>
  server.database.prisma.chatMessage.count({ where: { chatId, senderId } });

describe(`per-user budgets on ${TEST_DB}`, () => {
  it('counts REST and socket sends against one write budget, answers 429 with Retry-After, and stores only what passed', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Flooder', 'Bystander');
    const chatId = await createDirect(api, ann, bob);
    await new Promise((r) => setTimeout(r, 2100)); // the chat's creation spent from the budget
    const sock = await openSocket({ token: ann.token });
    const viaRest = (n: number, tag: string) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: `${tag}${i}` }, ann.token),
        ),
      );
    const first = await viaRest(4, 'r');
    const socket = await Promise.all(
      Array.from({ length: 4 }, (_, i) => call(sock, 'send_message', { chatId, content: `s${i}` })),
    );
    const last = await viaRest(2, 'q');
    expect(first.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(socket.filter((r) => r.ok)).toHaveLength(2);
    expect(socket.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(last.map((r) => r.status)).toEqual([429, 429]);
    expect(last[0]?.headers.get('retry-after')).toMatch(/^[12]$/);
    expect(last[0]?.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await countMessages(server, chatId, ann.id)).toBe(6);

    // Someone else's budget is their own.
    const other = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'fine' }, bob.token);
    expect(other.status).toBe(201);
    // And the flooder's comes back within the window.
    await new Promise((r) => setTimeout(r, 2100));
    expect(
      (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'later' }, ann.token)).status,
    ).toBe(201);
  });

  it('weighs chat creation: a burst of new groups is refused after the first', async ({ api, server }) => {
    const [maker, ...others] = await registerAll(api, 'Maker', 'P1', 'P2', 'P3');
    const made = await Promise.all(
      others.map((o, i) =>
        api.post(
          '/api/v1/chat/sessions',
          { type: 'GROUP', name: `g${i}`, participantIds: [o.id] },
          maker.token,
        ),
      ),
    );
    expect(made.map((r) => r.status).sort()).toEqual([201, 429, 429]);
    const groups = await server.database.prisma.chatSession.count({ where: { createdById: maker.id } });
    expect(groups).toBe(1);
  });

  it('caps expensive reads: a sync flood is refused while another user syncs', async ({
    api,
    openSocket,
  }) => {
    const [reader, calm] = await registerAll(api, 'SyncFlood', 'Calm');
    const sock = await openSocket({ token: reader.token });
    const results = await Promise.all(Array.from({ length: 5 }, () => call(sock, 'sync', { since: {} })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const list = await api.get('/api/v1/chat/sessions', reader.token);
    expect(list.status).toBe(429);
    const calmSock = await openSocket({ token: calm.token });
    expect(await call(calmSock, 'sync', { since: {} })).toMatchObject({ ok: true });
  });

  it('refuses a socket past SOCKET_MAX_PER_USER, and admits one again when another closes', async ({
    api,
    openSocket,
  }) => {
    const [many] = await registerAll(api, 'Tabs');
    const open = await Promise.all([1, 2, 3].map(() => openSocket({ token: many.token })));
    await expect(openSocket({ token: many.token })).rejects.toThrow(/Too many open connections/);
    open[0]?.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    await expect(openSocket({ token: many.token })).resolves.toBeTruthy();
  });
});
