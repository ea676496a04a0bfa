// Budgets hold for the deployment, not per process: a user's events and a
// client's sign-in attempts are counted in Redis by every node.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api';
import { createDirect } from './support/chat';
import { startCluster, type Cluster } from './support/cluster';
import { call } from './support/emit';
import { TEST_DB } from './support/server';
import { closeAllSockets, connect } from './support/sockets';

describe.runIf(TEST_DB === 'postgres')('rate limits across two processes (postgres only)', () => {
  let cluster: Cluster;
  let urls: [string, string];

  beforeAll(async () => {
    // Budgets of two seconds' worth: 10 events per socket and 10 per user.
    cluster = await startCluster(2, {
      SOCKET_EVENTS_PER_SECOND: '5',
      USER_EVENTS_PER_SECOND: '5',
      AUTH_REQUESTS_PER_MINUTE: '6',
    });
    urls = cluster.nodes.map((n) => n.url) as [string, string];
  });
  afterAll(() => cluster?.stop());
  afterEach(() => closeAllSockets());

  it("limits one user's events across sockets on two nodes, and sign-in attempts across nodes", async () => {
    const apiA = new Api(urls[0]);
    const apiB = new Api(urls[1]);
    const u = await apiA.register('Busy'); // sign-in budget: 1 of 6
    const v = await apiB.register('Other'); // 2 of 6
    const chatId = await createDirect(apiA, u, v);
    const onA = await connect(urls[0], { token: u.token });
    const onB = await connect(urls[1], { token: u.token });

    const burst = await Promise.all(
      Array.from({ length: 16 }, (_, i) => call(i % 2 ? onB : onA, 'typing_start', { chatId })),
    );
    const codes = burst.map((r) => (r.ok ? 'ok' : r.error.code));
    // Each socket stays within its own 10; only the shared user budget refuses.
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(6);

    const signIn = (api: Api) =>
      api.post('/api/v1/auth/token', { email: u.email, password: 'wrong-password' });
    const statuses = [];
    for (const api of [apiA, apiB, apiA, apiB, apiA]) statuses.push((await signIn(api)).status);
    // Requests 3–6 of the budget are answered; the 7th, on either node, is refused.
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses[4]).toBe(429);
  });
});
