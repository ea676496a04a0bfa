// A Redis restart mid-stream, with either adapter (REDIS_ADAPTER): every
// acked message still reaches the other node's client (live or by catch-up),
// and live delivery resumes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDto } from '@/lib/chat/dto';
import { Api, registerAll } from './support/api';
import { createDirect, sleep } from './support/chat';
import { freePort } from './support/child-server';
import { startCluster, type Cluster } from './support/cluster';
import { RedisProcess } from './support/redis';
import { waitFor } from './support/chat';
import { reconnectingSocket } from './support/sockets';
import { call } from './support/emit';
import { ChatReader } from './support/reader';
import { TEST_DB } from './support/server';
import { closeAllSockets, nextEvent } from './support/sockets';

describe.runIf(TEST_DB === 'postgres').each(['sharded', 'streams'] as const)(
  'a Redis restart under two processes, %s adapter (postgres only)',
  (adapter) => {
    let redis: RedisProcess;
    let cluster: Cluster;

    beforeAll(async () => {
      redis = new RedisProcess(await freePort());
      await redis.start();
      cluster = await startCluster(2, {
        REDIS_URL: redis.url,
        REDIS_ADAPTER: adapter,
        SOCKET_EVENTS_PER_SECOND: '100000',
        USER_EVENTS_PER_SECOND: '100000',
      });
    });
    afterAll(async () => {
      await cluster?.stop();
      await redis?.kill();
    });
    afterEach(() => closeAllSockets());

    it('loses no acked message and resumes live delivery', async () => {
      const [urlA, urlB] = cluster.nodes.map((n) => n.url) as [string, string];
      const api = new Api(urlA);
      const [w, r] = await registerAll(api, 'RedisW', 'RedisR');
      const chatId = await createDirect(api, w, r);
      const ws = reconnectingSocket(urlA, w.token);
      const rs = reconnectingSocket(urlB, r.token);
      const reader = new ChatReader(rs, chatId);
      const live: MessageDto[] = [];
      rs.on('message_received', (m) => live.push(m));
      await waitFor(() => ws.connected && rs.connected, 5000, 'sockets');

      const acked = new Set<number>();
      // A send whose ack is slow is sent again: the clientMessageId makes that safe.
      const send = async (i: number) => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const payload = { chatId, content: `r${i}`, clientMessageId: `redis-${i}` };
          const res = await call(ws, 'send_message', payload, 5000).catch(() => null);
          if (res?.ok) return void acked.add(res.data.seq);
        }
      };
      let i = 0;
      while (i < 150) await Promise.all(Array.from({ length: 10 }, () => send(i++)));
      expect((await api.get('/api/health')).body).toMatchObject({ status: 'ok', db: 'up', redis: 'up' });
      await redis.kill();
      // The balancer keeps every process (each still serves its own clients) and is told why.
      const degraded = await api.get('/api/health');
      expect([degraded.status, degraded.body]).toMatchObject([
        200,
        { status: 'degraded', db: 'up', redis: 'down' },
      ]);
      // Sends go on while Redis is down: stored and acked, fan-out queued.
      while (i < 250) await Promise.all(Array.from({ length: 10 }, () => send(i++)));
      await sleep(500);
      await redis.start();
      for (let tries = 0; (await api.get('/api/health')).body.status !== 'ok'; tries++) {
        if (tries > 100) throw new Error('/api/health did not say ok again after Redis came back');
        await sleep(100);
      }
      while (i < 400) await Promise.all(Array.from({ length: 10 }, () => send(i++)));

      expect(acked.size).toBe(400);
      await waitFor(
        () => reader.contiguous() === 400,
        20_000,
        `reader to catch up (has ${reader.contiguous()})`,
      );
      expect([...reader.bySeq.keys()].sort((x, y) => x - y)).toEqual(
        Array.from({ length: 400 }, (_, k) => k + 1),
      );
      const liveSeqs = new Set(live.map((m) => m.seq));
      if (adapter === 'streams') {
        // Fan-out queued during the outage still arrived live; only what the dead
        // Redis held unread (it keeps no data) may have come by sync instead.
        expect(liveSeqs.size).toBeGreaterThan(380);
      } else {
        // Pub/sub keeps nothing: what was published while node B's subscriber
        // was away came by sync after node B closed its clients' connections.
        for (let seq = 1; seq <= 150; seq++) expect(liveSeqs.has(seq)).toBe(true);
      }

      const next = nextEvent<any>(rs, 'message_received');
      await send(i);
      expect((await next).seq).toBe(401);
      ws.disconnect();
      rs.disconnect();
    }, 60_000);
  },
);
