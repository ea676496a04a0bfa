// An outbox that outlives its client: sends queued while the server is down,
// the app closed (a reload, an app restart), a new client on the same
// storage, then the server back: each send is delivered once, in order.
import { createChatClient, keyValueStorage } from '@chat/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutbox, settleAll, settled, storeDifferences } from './support/compare';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import { Api, closeClients, createDirect, createGroup, openClient, sleep, waitFor } from './support/users';

let server: ServerUnderTest;
beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_outbox');
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

/** A key-value store like localStorage (synchronous) or AsyncStorage (every call a promise). */
function kvOver(map: Map<string, string>, async: boolean) {
  const later = <T>(value: () => T) =>
    async ? new Promise<T>((r) => setTimeout(() => r(value()), 1)) : value();
  return {
    getItem: (k: string) => later(() => map.get(k) ?? null),
    setItem: (k: string, v: string) => later(() => void map.set(k, v)),
    removeItem: (k: string) => later(() => void map.delete(k)),
  };
}

describe('an outbox in storage', () => {
  it.each([
    ['synchronous, like localStorage', false],
    ['asynchronous, like AsyncStorage', true],
  ])(
    'survives a client restart while the server is down (%s)',
    async (_label, async) => {
      const api = new Api(server.url);
      const [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
      const direct = await createDirect(api, ann, bob);
      const group = await createGroup(api, ann, [bob]);
      const kv = new Map<string, string>();
      const storage = keyValueStorage(kvOver(kv, async), 'chat-outbox:');

      await server.stop();
      const first = createChatClient({ baseUrl: server.url, token: ann.token, storage });
      const queued: Array<{ id: string; chatId: string; content: string }> = [];
      for (let i = 0; i < 8; i++) {
        const chatId = i % 3 === 2 ? group : direct;
        const content = `queued while down ${i}`;
        queued.push({ id: first.messages.send(chatId, { content }), chatId, content });
      }
      // Shown at once, as pending, in the order sent.
      const shown = first.store.getState().outbox;
      expect(shown.map((item) => item.id)).toEqual(queued.map((q) => q.id));
      expect(shown.every((item) => item.kind === 'send' && item.status !== 'failed')).toBe(true);
      // (Closed once it is trying to connect: closing sooner is its own case, below.)
      await waitFor(() => first.store.getState().connection !== 'idle', 5_000, 'the first connect attempt');
      await first.close();
      expect((await storage.load()).map((item) => item.id)).toEqual(queued.map((q) => q.id));

      // The app starts again, still offline; then the server comes back.
      const second = createChatClient({ baseUrl: server.url, token: ann.token, storage, autoConnect: false });
      const online = second.connect();
      await waitFor(
        () => second.store.getState().outbox.length === queued.length,
        10_000,
        'the outbox loaded',
      );
      expect(second.store.getState().outbox.map((item) => item.id)).toEqual(queued.map((q) => q.id));
      await server.start();
      try {
        await online;
        await settled(second);
        const reader = await openClient(server.url, bob);
        await settleAll([second, reader], [direct, group]);

        const { rows } = await server.db.query<{ clientMessageId: string; chatId: string; content: string }>(
          `SELECT "clientMessageId", "chatId", content FROM "ChatMessage"
          WHERE "chatId" = ANY($1::uuid[]) AND "senderId" = $2 AND "clientMessageId" IS NOT NULL
          ORDER BY "chatId", seq`,
          [[direct, group], ann.id],
        );
        for (const chatId of [direct, group]) {
          expect(rows.filter((r) => r.chatId === chatId)).toEqual(
            queued
              .filter((q) => q.chatId === chatId)
              .map((q) => ({ clientMessageId: q.id, chatId, content: q.content })),
          );
        }
        expect(describeOutbox(second)).toEqual([]);
        expect(await storage.load()).toEqual([]);
        // Delivered sends leave nothing behind in the app's storage.
        expect([...kv.values()].filter((v) => v.includes('queued while down'))).toEqual([]);
        // The closed client stayed closed: it did not come back to send them too.
        expect(first.socket.connected).toBe(false);
        for (const client of [second, reader]) {
          expect(await storeDifferences(client, server.db, [direct, group])).toEqual([]);
        }
      } finally {
        await second.close();
      }
    },
    90_000,
  );

  it('stays closed when closed right after it was created (a React StrictMode remount, a quick reload)', async () => {
    const api = new Api(server.url);
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const direct = await createDirect(api, ann, bob);
    const storage = keyValueStorage(kvOver(new Map(), false));
    const client = createChatClient({ baseUrl: server.url, token: ann.token, storage });
    const id = client.messages.send(direct, { content: 'sent by a closed client?' });
    await client.close();
    await sleep(1_500);
    const { rows } = await server.db.query(`SELECT 1 FROM "ChatMessage" WHERE "clientMessageId" = $1`, [id]);
    expect({
      connected: client.socket.connected,
      connection: client.store.getState().connection,
      delivered: rows.length,
    }).toEqual({ connected: false, connection: 'idle', delivered: 0 });
    // Still in storage, for the next client to deliver.
    expect((await storage.load()).map((item) => item.id)).toEqual([id]);
  });
});
