// Connection drops a client must come back from on its own, and the testing
// helper's cut and restore at any moment, a reconnect already under way too.
import type { MessageDto } from '@chat/sdk';
import { cutConnection, restoreConnection } from '@chat/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutbox, settled } from './support/compare';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import { Api, closeClients, createDirect, openClient, waitFor, type TestUser } from './support/users';

let server: ServerUnderTest;
let api: Api;
let ann: TestUser;
let bob: TestUser;
let direct: string;

beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_connection');
  api = new Api(server.url);
  [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  direct = await createDirect(api, ann, bob);
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

async function delivered(clientMessageId: string): Promise<number> {
  const { rows } = await server.db.query(`SELECT 1 FROM "ChatMessage" WHERE "clientMessageId" = $1`, [
    clientMessageId,
  ]);
  return rows.length;
}

describe('coming back online', () => {
  it('reconnects after the transport drops (engine.close) and delivers what was sent meanwhile', async () => {
    const client = await openClient(server.url, ann);
    client.socket.io.engine.close();
    const id = client.messages.send(direct, { content: 'while the transport was down' });
    await settled(client, 20_000);
    expect(await delivered(id)).toBe(1);
  });

  it('restores a connection cut while socket.io was already waiting to reconnect', async () => {
    const client = await openClient(server.url, ann);
    // The transport drops; socket.io's reconnect timer is now pending.
    client.socket.io.engine.close();
    cutConnection(client);
    const id = client.messages.send(direct, { content: 'cut during a reconnect' });
    restoreConnection(client);
    await waitFor(
      () => client.store.getState().connection === 'online',
      15_000,
      'the client back online',
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: still ${client.store.getState().connection}, outbox ${describeOutbox(client).join('; ')}`,
      );
    });
    await settled(client, 20_000);
    expect(await delivered(id)).toBe(1);
  });

  it('comes back after a clean server restart and delivers what was queued while it was down', async () => {
    const client = await openClient(server.url, bob);
    await server.stop();
    await waitFor(() => client.store.getState().connection === 'offline', 10_000, 'the client offline');
    const id = client.messages.send(direct, { content: 'queued during the restart' });
    await server.start();
    await settled(client, 30_000);
    expect(await delivered(id)).toBe(1);
  });

  it('counts what it caught up on after a cut in the chat list’s unread badge', async () => {
    const [carl, dora] = await Promise.all([api.register('Carl'), api.register('Dora')]);
    const chatId = await createDirect(api, carl, dora);
    const client = await openClient(server.url, dora);
    await client.chats.load();
    cutConnection(client);
    for (const content of ['one', 'two', 'three']) {
      expect(
        (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, carl.token)).status,
      ).toBe(201);
    }
    restoreConnection(client);
    await settled(client, 20_000);
    const chat = client.store.getState().chats[chatId];
    expect({
      lastSeq: chat?.lastSeq,
      unreadCount: chat?.unreadCount,
      last: chat?.lastMessage?.content,
    }).toEqual({
      lastSeq: 3,
      unreadCount: 3,
      last: 'three',
    });
  });

  it('counts every missed message as unread when a later one arrives live before the catch-up', async () => {
    const [carl, dora] = await Promise.all([api.register('Carl'), api.register('Dora')]);
    const chatId = await createDirect(api, carl, dora);
    const client = await openClient(server.url, dora);
    await client.chats.load();
    cutConnection(client);
    const sent: MessageDto[] = [];
    for (const content of ['missed one', 'missed two', 'heard live']) {
      const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, carl.token);
      expect(res.status).toBe(201);
      sent.push(res.body.message);
    }
    // The newest is heard first (a recovered session's replay, a broadcast
    // overtaking the sync answer): as the socket would deliver it.
    for (const listener of client.socket.listeners('message_received')) listener(sent[2]!);
    restoreConnection(client);
    await settled(client, 20_000);
    const chat = client.store.getState().chats[chatId];
    expect({ lastSeq: chat?.lastSeq, unreadCount: chat?.unreadCount }).toEqual({
      lastSeq: 3,
      unreadCount: 3,
    });
    expect(client.store.getState().messages[chatId]?.seqs).toEqual([1, 2, 3]);
  });

  it('takes a message its sender deleted off the unread badge, as the server does', async () => {
    const [carl, dora] = await Promise.all([api.register('Carl'), api.register('Dora')]);
    const chatId = await createDirect(api, carl, dora);
    const client = await openClient(server.url, dora);
    await client.chats.load();
    const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'oops' }, carl.token);
    expect(res.status).toBe(201);
    await waitFor(
      () => client.store.getState().chats[chatId]?.unreadCount === 1,
      10_000,
      'the unread message',
    );
    expect((await api.delete(`/api/v1/chat/messages/${res.body.message.id}`, carl.token)).status).toBe(200);
    await waitFor(
      () => client.store.getState().messages[chatId]?.bySeq[1]?.deletedAt != null,
      10_000,
      'the deletion to arrive',
    );
    const listed = await api.get('/api/v1/chat/sessions', dora.token);
    const onServer = listed.body.items.find((c: { id: string }) => c.id === chatId).unreadCount;
    expect(onServer).toBe(0);
    expect(client.store.getState().chats[chatId]?.unreadCount).toBe(onServer);
  });
});
