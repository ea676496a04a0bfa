// Three processes behind one PostgreSQL and one Redis behave as one server:
// events cross nodes, presence is counted globally, and a node that dies
// loses nobody's messages.
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDto } from '@/lib/chat/dto';
import { Api, registerAll } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { moveTo, startCluster, type Cluster } from './support/cluster';
import { waitFor } from './support/chat';
import { reconnectingSocket } from './support/sockets';
import { call, collect } from './support/emit';
import { ChatReader } from './support/reader';
import { TEST_DB } from './support/server';
import { REDIS_URL } from './support/redis';
import { chatRoom } from '@/lib/realtime/rooms';
import { closeAllSockets, connect, nextEvent } from './support/sockets';

describe.runIf(TEST_DB === 'postgres')('three processes with Redis (postgres only)', () => {
  let cluster: Cluster;
  let urls: [string, string, string];
  let api: Api;

  beforeAll(async () => {
    cluster = await startCluster(3, { SOCKET_EVENTS_PER_SECOND: '100000', USER_EVENTS_PER_SECOND: '100000' });
    urls = cluster.nodes.map((n) => n.url) as [string, string, string];
    api = new Api(urls[0]);
  });
  afterAll(() => cluster?.stop());
  afterEach(() => closeAllSockets());

  it('accepts a token issued by one node on the others', async () => {
    const u = await api.register('Tok');
    const sock = await connect(urls[1], { token: u.token });
    expect(sock.connected).toBe(true);
    expect((await new Api(urls[2]).get('/api/v1/chat/sessions', u.token)).status).toBe(200);
  });

  it('delivers 1,000 messages sent on node A to a client on node B exactly once, in seq order', async () => {
    const [a, b] = await registerAll(api, 'Bulk', 'BulkR');
    const chatId = await createDirect(api, a, b);
    const sa = await connect(urls[0], { token: a.token });
    const sb = await connect(urls[1], { token: b.token });
    const received = collect<MessageDto>(sb, 'message_received');
    const TOTAL = 1000;
    for (let i = 0; i < TOTAL; i++) {
      const res = await call(sa, 'send_message', {
        chatId,
        content: `bulk ${i}`,
        clientMessageId: `bulk-${i}`,
      });
      expect(res.ok).toBe(true);
    }
    await waitFor(() => received.length >= TOTAL, 20_000, `${TOTAL} messages (have ${received.length})`);
    await sleep(300); // a duplicate would arrive by now
    expect(received.map((m) => m.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  }, 60_000);

  it('carries typing, edits, deletes, read receipts and online users across nodes', async () => {
    const [a, b, c] = await registerAll(api, 'Ann', 'Bob', 'Cy');
    const chatId = await createGroup(api, a, [b, c]);
    const sa = await connect(urls[0], { token: a.token });
    const sb = await connect(urls[1], { token: b.token });
    const sc = await connect(urls[2], { token: c.token });

    const typing = nextEvent<any>(sb, 'user_typing');
    await call(sa, 'typing_start', { chatId });
    expect(await typing).toEqual({ chatId, userId: a.id, name: 'Ann' });
    const stopped = nextEvent<any>(sc, 'user_stopped_typing');
    await call(sa, 'typing_stop', { chatId });
    expect(await stopped).toEqual({ chatId, userId: a.id });

    const sent = await call(sa, 'send_message', { chatId, content: 'draft' });
    if (!sent.ok) throw new Error('send failed');
    const edited = nextEvent<any>(sc, 'message_edited');
    await call(sa, 'edit_message', { messageId: sent.data.id, content: 'final' });
    expect(await edited).toMatchObject({ id: sent.data.id, content: 'final' });

    const read = nextEvent<any>(sa, 'messages_read', 5000, (r) => r.userId === b.id);
    expect(await call(sb, 'mark_as_read', { chatId })).toMatchObject({ ok: true });
    expect(await read).toMatchObject({ chatId, userId: b.id, upToSeq: sent.data.seq });

    const deleted = nextEvent<any>(sb, 'message_deleted');
    await call(sa, 'delete_message', { messageId: sent.data.id });
    expect((await deleted).deletedAt).toBeTruthy();

    // A REST write on the third node reaches sockets on the other two.
    const viaRest = Promise.all([
      nextEvent<any>(sa, 'message_received'),
      nextEvent<any>(sb, 'message_received'),
    ]);
    await new Api(urls[2]).post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'rest' }, c.token);
    expect((await viaRest).map((m) => m.content)).toEqual(['rest', 'rest']);

    const online = await call(sc, 'get_online_users', { chatId });
    expect(online.ok && [...online.data.userIds].sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('subscribes a node only to the rooms where it has sockets (sharded adapter, the default)', async () => {
    const [a, b, c] = await registerAll(api, 'IsoA', 'IsoB', 'IsoC');
    const chatId = await createDirect(api, a, b);
    const redis = new Redis(REDIS_URL);
    const channel = `${cluster.nodes[0]!.env.REDIS_PREFIX}socket.io#/#${chatRoom(chatId)}#`;
    const subscribers = async () => {
      const [, count] = (await redis.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number];
      return count;
    };
    try {
      const sa = await connect(urls[0], { token: a.token });
      await connect(urls[0], { token: b.token });
      await connect(urls[1], { token: c.token });
      // Only node A holds the chat's people: only node A hears the chat's broadcasts.
      await waitFor(async () => (await subscribers()) === 1, 5000, 'node A subscribed to the chat');
      const sentOnA = await call(sa, 'send_message', { chatId, content: 'just us' });
      expect(sentOnA.ok).toBe(true);
      expect(await subscribers()).toBe(1);

      // b opens a tab on node B: now node B hears the chat too, and delivers it.
      const sb2 = await connect(urls[1], { token: b.token });
      await waitFor(async () => (await subscribers()) === 2, 5000, 'node B subscribed');
      const received = nextEvent<MessageDto>(sb2, 'message_received');
      await call(sa, 'send_message', { chatId, content: 'both nodes' });
      expect((await received).content).toBe('both nodes');

      // Its last member there leaves: node B unsubscribes.
      sb2.disconnect();
      await waitFor(async () => (await subscribers()) === 1, 5000, 'node B unsubscribed');
    } finally {
      redis.disconnect();
    }
  });

  it('keeps a user with sockets on two nodes online until both have closed', async () => {
    const [u, watcher] = await registerAll(api, 'Twice', 'Watch');
    const chatId = await createDirect(api, u, watcher);
    const sw = await connect(urls[2], { token: watcher.token });
    const offline = collect<any>(sw, 'user_offline');
    const online = nextEvent<any>(sw, 'user_online', 5000, (p) => p.userId === u.id);
    const onA = await connect(urls[0], { token: u.token });
    await online;
    const onB = await connect(urls[1], { token: u.token });

    onA.disconnect();
    await sleep(1500); // well past the 300 ms grace
    expect(offline).toEqual([]);
    const seen = await call(sw, 'get_online_users', { chatId });
    expect(seen.ok && seen.data.userIds).toContain(u.id);

    const gone = nextEvent<any>(sw, 'user_offline', 5000, (p) => p.userId === u.id);
    onB.disconnect();
    expect(await gone).toMatchObject({ userId: u.id, lastSeenAt: expect.any(String) });
    await sleep(500);
    expect(offline.filter((p) => p.userId === u.id)).toHaveLength(1);
  });

  // Last: it kills node C.
  it('after kill -9 of a node, its clients reconnect to another and miss nothing; its users go offline', async () => {
    const [w, r, ghost, watcher] = await registerAll(api, 'KillW', 'KillR', 'Ghost', 'Watcher');
    const chatId = await createDirect(api, w, r);
    await createDirect(api, ghost, watcher);
    const ws = reconnectingSocket(urls[0], w.token);
    const rs = reconnectingSocket(urls[2], r.token);
    const reader = new ChatReader(rs, chatId);
    const sw = await connect(urls[1], { token: watcher.token });
    const ghostOnline = nextEvent<any>(sw, 'user_online', 5000, (p) => p.userId === ghost.id);
    await connect(urls[2], { token: ghost.token });
    await ghostOnline;
    await waitFor(() => ws.connected && rs.connected, 5000, 'sockets');

    const acked = new Set<number>();
    const send = async (i: number) => {
      const res = await call(
        ws,
        'send_message',
        { chatId, content: `k${i}`, clientMessageId: `kill-${i}` },
        5000,
      );
      if (res.ok) acked.add(res.data.seq);
    };
    const TOTAL = 400;
    const ghostOffline = nextEvent<any>(sw, 'user_offline', 15_000, (p) => p.userId === ghost.id);
    for (let i = 0; i < TOTAL; i += 10) {
      if (i === 200) {
        cluster.nodes[2]?.child.kill('SIGKILL');
        moveTo(rs, urls[1]);
      }
      await Promise.all(Array.from({ length: 10 }, (_, j) => send(i + j)));
    }
    expect(acked.size).toBe(TOTAL);
    await waitFor(
      () => reader.contiguous() === TOTAL,
      20_000,
      `reader to catch up (has ${reader.contiguous()})`,
    );
    expect([...reader.bySeq.keys()].sort((x, y) => x - y)).toEqual(
      Array.from({ length: TOTAL }, (_, i) => i + 1),
    );

    // Live delivery on the new node, not only catch-up.
    const live = nextEvent<any>(rs, 'message_received');
    await send(TOTAL);
    expect((await live).seq).toBe(TOTAL + 1);

    // Nobody was left to run the ghost's grace timer: the heartbeat sweep did.
    expect(await ghostOffline).toMatchObject({ userId: ghost.id });
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ status: string }>(
        'SELECT status FROM "UserPresence" WHERE "userId" = $1',
        [ghost.id],
      );
      expect(rows[0]?.status.toLowerCase()).toBe('offline');
    } finally {
      await db.end();
    }
    ws.disconnect();
    rs.disconnect();
  }, 60_000);
});
