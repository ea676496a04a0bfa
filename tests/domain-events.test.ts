// The domain-event port: a subscriber added in one place (here, this test)
// hears every committed change and nothing that rolled back, whichever
// transport made it; a subscriber that throws harms nothing. And REST and
// socket sends share one group-commit queue per process.
import { subscribe } from '@/lib/events/bus';
import { inTransaction } from '@/lib/events/transaction';
import type { DomainEvent } from '@/lib/events/types';
import { registerAll } from './support/api';
import { createGroup } from './support/chat';
import { call } from './support/emit';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';
import { describe, expect, it } from './support/fixtures';
import { RAISED_SOCKET_LIMITS } from './support/limits';

it.override('serverEnv', RAISED_SOCKET_LIMITS);

function record(): { events: DomainEvent[]; stop: () => void } {
  const events: DomainEvent[] = [];
  const stop = subscribe('test-recorder', (event) => void events.push(event));
  return { events, stop };
}

describe(`domain events on ${TEST_DB}`, () => {
  it('hands a new subscriber every committed change, from REST and the socket, and nothing that rolled back', async ({
    api,
    openSocket,
  }) => {
    const [admin, member, outsider] = await registerAll(api, 'Admin', 'Member', 'Outsider');
    const chatId = await createGroup(api, admin, [member]);
    const { events, stop } = record();
    try {
      // Committed: a rename over REST (chat.updated and its notice), a send over the socket.
      expect(
        (await api.put(`/api/v1/chat/sessions/${chatId}`, { name: 'Renamed' }, admin.token)).status,
      ).toBe(200);
      const sock = await openSocket({ token: member.token });
      const sent = await call(sock, 'send_message', { chatId, content: 'hello' });
      expect(sent.ok).toBe(true);
      expect(events.map((e) => e.type)).toEqual(['chat.updated', 'message.sent', 'message.sent']);
      const fromSocket = events[2];
      expect(fromSocket).toMatchObject({ actor: { userId: member.id, origin: sock.id } });

      // Refused: a change that fails its checks announces nothing.
      events.length = 0;
      const refused = await api.put(
        `/api/v1/chat/sessions/${chatId}`,
        { name: 'Never', addParticipantIds: [outsider.id, crypto.randomUUID()] },
        admin.token,
      );
      expect(refused.status).toBe(400);
      expect(events).toEqual([]);

      // Rolled back after writing: the write is gone and its event never announced.
      await expect(
        inTransaction(async (tx, pending) => {
          await tx.chatSession.update({ where: { id: chatId }, data: { name: 'Rolled back' } });
          pending.push({ type: 'chat.deleted', actor: { userId: admin.id }, chatId });
          throw new Error('abort after the write');
        }),
      ).rejects.toThrow('abort after the write');
      const chat = await api.get(`/api/v1/chat/sessions/${chatId}`, admin.token);
      expect(chat.body.chat.name).toBe('Renamed');
      expect(events).toEqual([]);
    } finally {
      stop();
    }
  });

  it('keeps delivering when a subscriber throws', async ({ api, openSocket }) => {
    const [a, b] = await registerAll(api, 'Sender', 'Reader');
    const chatId = await createGroup(api, a, [b]);
    const stop = subscribe('test-broken', () => {
      throw new Error('a broken subscriber');
    });
    const stopAsync = subscribe('test-broken-async', () =>
      Promise.reject(new Error('a broken async subscriber')),
    );
    try {
      const bSock = await openSocket({ token: b.token });
      const heard = nextEvent<{ content: string }>(
        bSock,
        'message_received',
        5_000,
        (m) => m.content === 'still here',
      );
      const res = await api.post(
        `/api/v1/chat/sessions/${chatId}/messages`,
        { content: 'still here' },
        a.token,
      );
      expect(res.status).toBe(201);
      expect((await heard).content).toBe('still here');
    } finally {
      stop();
      stopAsync();
    }
  });

  it('writes REST and socket sends that arrive together in the same group-commit batches', async ({
    api,
    server,
    openSocket,
  }) => {
    const [a, b] = await registerAll(api, 'Rest', 'Socket');
    const chatId = await createGroup(api, a, [b]);
    const sock = await openSocket({ token: b.token });
    // Socket sends keep the queue busy the whole time the REST sends arrive,
    // so a REST send waits for a batch, and a shared queue mixes them.
    let restDone = false;
    const rest = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: `rest ${i}` }, a.token),
      ),
    ).finally(() => (restDone = true));
    let n = 0;
    const pump = (async () => {
      while (!restDone) {
        await Promise.all(
          Array.from({ length: 10 }, () => call(sock, 'send_message', { chatId, content: `socket ${n++}` })),
        );
      }
    })();
    await Promise.all([rest, pump]);
    // One batch is one statement, one transaction: its rows share xmin.
    const rows = await server.database.prisma.$queryRaw<Array<{ senderId: string; tx: string }>>`
      SELECT "senderId", xmin::text AS tx FROM "ChatMessage" WHERE "chatId" = ${chatId}::uuid AND type = 'TEXT'`;
    expect(rows.filter((r) => r.senderId === a.id)).toHaveLength(40);
    const senders = new Map<string, Set<string>>();
    for (const row of rows) senders.set(row.tx, (senders.get(row.tx) ?? new Set()).add(row.senderId));
    const mixed = [...senders.values()].filter((s) => s.has(a.id) && s.has(b.id));
    expect(mixed.length).toBeGreaterThan(0);
  });
});
