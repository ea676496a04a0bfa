// Connection state recovery hands out missed packets only to a socket whose
// credentials were checked again, and only for chats it is still in.
import { io, type Socket } from 'socket.io-client';
import { type Api, type TestUser } from './support/api';
import { createDirect, createGroup, sleep, waitFor } from './support/chat';
import { call } from './support/emit';
import { TEST_DB, type TestServer } from './support/server';
import { afterEach, describe, expect, it } from './support/fixtures';

const open: Socket[] = [];

it.override('serverEnv', { PRESENCE_GRACE_MS: '100' });
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});

/**
 * A client that the test drops and reconnects by hand, with credentials it
 * changes in between; a reconnect after a dropped transport asks to recover.
 * It records every event packet its manager decodes, including those a
 * refused socket would never surface as events.
 */
function recoveringClient(server: TestServer, initial: Record<string, unknown>) {
  let auth = initial;
  const socket = io(server.url, {
    auth: (cb) => cb(auth),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  open.push(socket);
  const packets: unknown[][] = [];
  socket.io.on('packet', (packet) => {
    if (packet.type === 2) packets.push(packet.data as unknown[]);
  });
  return {
    socket,
    setAuth: (next: Record<string, unknown>) => (auth = next),
    drop: () => socket.io.engine.close(),
    /** Reconnects and resolves once connected, or with the refusal's message. */
    reconnect: () =>
      new Promise<string | null>((resolve) => {
        socket.once('connect', () => resolve(null));
        socket.once('connect_error', (err) => resolve(err.message));
        socket.connect();
      }),
    /** Message contents carried by any packet so far. */
    contents: () =>
      packets.filter((d) => d[0] === 'message_received').map((d) => (d[1] as { content: string }).content),
  };
}

async function sendText(api: Api, chatId: string, from: TestUser, content: string) {
  const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, from.token);
  expect(res.status).toBe(201);
}

describe(`connection state recovery on ${TEST_DB}`, () => {
  it('replays nothing to a reconnect without valid credentials, and replays to the same user once checked', async ({
    api,
    server,
  }) => {
    const a = await api.register('Sender');
    const b = await api.register('Dropper');
    const chatId = await createDirect(api, a, b);
    const client = recoveringClient(server, { token: b.token });
    await waitFor(() => client.socket.connected, 10_000, 'connect');
    // A live delivery gives the client an offset to resume from.
    await sendText(api, chatId, a, 'before');
    await waitFor(() => client.contents().includes('before'), 5_000, 'live delivery');

    const forged = `${b.token.slice(0, -6)}AAAAAA`;
    for (const [label, auth] of [
      ['no token', {}],
      ['empty token', { token: '' }],
      ['forged token', { token: forged }],
    ] as const) {
      client.setAuth(auth);
      if (client.socket.connected) client.drop();
      await sendText(api, chatId, a, `missed (${label})`);
      expect(await client.reconnect(), label).toMatch(/token|Authentication/);
      await sleep(100);
      expect(client.contents(), label).not.toContain(`missed (${label})`);
    }

    client.setAuth({ token: b.token });
    expect(await client.reconnect()).toBeNull();
    expect(client.socket.recovered).toBe(true);
    await waitFor(() => client.contents().includes('missed (forged token)'), 5_000, 'the replay');
    expect(client.contents().filter((c) => c.startsWith('missed'))).toEqual([
      'missed (no token)',
      'missed (empty token)',
      'missed (forged token)',
    ]);
  });

  it('gives a member removed while away none of the group’s later messages', async ({ api, server }) => {
    const admin = await api.register('Admin');
    const gone = await api.register('Removed');
    const stays = await api.register('Stays');
    const chatId = await createGroup(api, admin, [gone, stays]);
    const client = recoveringClient(server, { token: gone.token });
    await waitFor(() => client.socket.connected, 10_000, 'connect');
    await sendText(api, chatId, admin, 'while a member');
    await waitFor(() => client.contents().includes('while a member'), 5_000, 'live delivery');

    client.drop();
    const removed = await api.put(
      `/api/v1/chat/sessions/${chatId}`,
      { removeParticipantIds: [gone.id] },
      admin.token,
    );
    expect(removed.status).toBe(200);
    await sendText(api, chatId, admin, 'after the removal');
    expect(await client.reconnect()).toBeNull();
    expect(client.socket.recovered).toBe(true);
    await sleep(300);
    expect(client.contents()).not.toContain('after the removal');
    await sendText(api, chatId, admin, 'later still');
    await sleep(300);
    expect(client.contents()).not.toContain('later still');
    // sync is the way back: it says the chat is gone.
    const res = await call(client.socket as never, 'sync', { since: { [chatId]: 1 } });
    expect(res).toMatchObject({ ok: true, data: { messages: [], removedChatIds: [chatId] } });
  });

  it('drops a recovered session when another user presents its session id', async ({ api, server }) => {
    const a = await api.register('Owner');
    const b = await api.register('Peer');
    const mallory = await api.register('Mallory');
    const chatId = await createDirect(api, a, b);
    const client = recoveringClient(server, { token: b.token });
    await waitFor(() => client.socket.connected, 10_000, 'connect');
    await sendText(api, chatId, a, 'first');
    await waitFor(() => client.contents().includes('first'), 5_000, 'live delivery');
    client.setAuth({ token: mallory.token });
    client.drop();
    await sendText(api, chatId, a, 'not for mallory');
    expect(await client.reconnect()).toBeNull();
    await sleep(300);
    expect(client.contents()).not.toContain('not for mallory');
    await sendText(api, chatId, a, 'still not');
    await sleep(300);
    expect(client.contents()).not.toContain('still not');
  });
});
