// Push with two processes behind one PostgreSQL and one Redis: each push goes
// out once, whichever process took the message or the read, and a focused tab
// on one process stops pushes for messages sent through the other.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateVapidKeys } from '@/lib/push/config';
import { Api, registerAll } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { startCluster, type Cluster } from './support/cluster';
import { call } from './support/emit';
import { PushService, type BrowserSubscription } from './support/push-service';
import { pushQueueEmpty, send, subscribe } from './support/push';
import { TEST_DB } from './support/server';
import { closeAllSockets, connect } from './support/sockets';

describe.runIf(TEST_DB === 'postgres')('push with two processes and Redis (postgres only)', () => {
  let cluster: Cluster;
  let pushService: PushService;
  let apis: [Api, Api];
  let urls: [string, string];

  beforeAll(async () => {
    pushService = await PushService.start();
    const keys = generateVapidKeys();
    // Every process signs with the same key pair: subscriptions are bound to it.
    cluster = await startCluster(2, {
      ...pushService.serverEnv,
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.com',
    });
    urls = cluster.nodes.map((n) => n.url) as [string, string];
    apis = urls.map((u) => new Api(u)) as [Api, Api];
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await pushService?.close();
  });
  afterEach(() => closeAllSockets());

  const drained = () => Promise.all(urls.map((u) => pushQueueEmpty(u)));
  const payloads = (b: BrowserSubscription) => b.received().map((p) => b.open(p));

  it('pushes each message once, whichever process sent it, and not while a tab on another is focused', async () => {
    const [a0, a1] = apis;
    const [ann, bob] = await registerAll(a0, 'Ann', 'Bob');
    const direct = await createDirect(a0, ann, bob);
    const group = await createGroup(a0, ann, [bob], 'Crew');
    await a1.post(`/api/v1/chat/sessions/${group}/read`, {}, bob.token);
    const browser = pushService.subscription();
    await subscribe(a1, bob, browser);

    const tab = await connect(urls[1], { token: bob.token });
    await call(tab, 'visibility_update', { visible: true, focused: true });
    await send(a0, ann, direct, 'while Bob looks');
    await drained();
    expect(browser.received()).toEqual([]);

    await call(tab, 'visibility_update', { visible: false, focused: false });
    const sent = [];
    for (let i = 0; i < 20; i++) {
      const chatId = i % 2 === 0 ? direct : group;
      sent.push({ chatId, ...(await send(apis[i % 2]!, ann, chatId, `message ${i}`)) });
    }
    await drained();
    const got = payloads(browser).map((p) => `${p.chatId}:${p.seq}`);
    expect(got.sort()).toEqual(sent.map((s) => `${s.chatId}:${s.seq}`).sort());
    for (const push of browser.received())
      expect((await pushService.vapid(push)).claims.aud).toBe(pushService.url);

    // Read on one process, the update goes out once per chat.
    await a0.post(`/api/v1/chat/sessions/${direct}/read`, {}, bob.token);
    await a1.post(`/api/v1/chat/sessions/${group}/read`, {}, bob.token);
    await a1.post(`/api/v1/chat/sessions/${group}/read`, {}, bob.token);
    await drained();
    const reads = payloads(browser).filter((p) => p.kind === 'read');
    expect(reads.map((r) => r.chatId).sort()).toEqual([direct, group].sort());
    expect(reads.every((r) => r.unread === 0)).toBe(true);

    // Both processes report the one shared queue.
    const health = await Promise.all(apis.map((a) => a.get('/api/health')));
    expect(health.map((h) => h.body.push)).toEqual([
      expect.objectContaining({ enabled: true, queued: 0, sent: 22 }),
      expect.objectContaining({ enabled: true, queued: 0, sent: 22 }),
    ]);
  }, 120_000);
});
