// GET /metrics (issue 21, part 4): Prometheus text behind METRICS_TOKEN, and
// counters that move with real traffic on this process.
import { registerAll } from './support/api';
import { createDirect } from './support/chat';
import { call } from './support/emit';
import { beforeAll, describe, expect, it, test } from './support/fixtures';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
test.override('serverEnv', { METRICS_TOKEN: TOKEN });

// The server starts under the hook's longer timeout, not the first test's.
beforeAll(async ({ server }) => {
  expect(server.url).toBeTruthy();
});

type Samples = Map<string, number>;

async function scrape(baseUrl: string, authorization = `Bearer ${TOKEN}`): Promise<Samples> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

/** `name{labels} value` lines, keyed by `name{labels}` exactly as written. */
function parse(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const value = (samples: Samples, key: string) => samples.get(key) ?? 0;

describe(`metrics on ${TEST_DB}`, () => {
  it('answers 401 without the token or with a wrong one, and never a 5xx to hostile requests', async ({
    server,
  }) => {
    const status = async (init: RequestInit, path = '/metrics') =>
      (await fetch(server.url + path, init)).status;
    expect(await status({})).toBe(401);
    expect(await status({ headers: { authorization: `Bearer ${TOKEN}x` } })).toBe(401);
    expect(await status({ headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } })).toBe(401);
    expect(
      await status({ headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } }),
    ).toBe(401);
    expect(await status({ headers: { authorization: 'Bearer ' } })).toBe(401);
    expect(await status({ headers: { authorization: `Bearer ${'\u00e9'.repeat(5000)}` } })).toBe(401);
    const refused = await fetch(`${server.url}/metrics`);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await refused.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    // With the token: other methods are refused, a query string changes nothing.
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await status({ method: 'POST', headers: auth, body: 'x' })).toBe(405);
    expect(await status({ headers: auth }, '/metrics?name[]=%00&x=%E2%80%AE')).toBe(200);
    expect(await status({ headers: auth }, '/metrics?x=%F0%9F')).toBe(400);
    expect(await status({ method: 'HEAD', headers: auth })).toBe(200);
  });

  it('counts sockets, events, sends and their latency, fan-outs and queries from real traffic', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const before = await scrape(server.url);

    const sa = await openSocket({ token: ann.token });
    const sb = await openSocket({ token: bob.token });
    for (let i = 0; i < 3; i += 1) {
      const heard = nextEvent(sb, 'message_received');
      expect((await call(sa, 'send_message', { chatId, content: `hi ${i}` })).ok).toBe(true);
      await heard;
    }
    // Refused (no content): timed as refused, not counted as a message.
    expect((await call(sa, 'send_message', { chatId })).ok).toBe(false);
    // Over REST: a message, but no socket event.
    expect(
      (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'rest' }, ann.token)).status,
    ).toBe(201);

    const after = await scrape(server.url);
    const delta = (key: string) => value(after, key) - value(before, key);
    expect(value(after, 'chat_socket_connections')).toBe(2);
    expect(delta('chat_socket_events_total{event="send_message"}')).toBe(4);
    expect(delta('chat_messages_sent_total')).toBe(4);
    expect(delta('chat_send_latency_seconds_count{outcome="ok"}')).toBe(3);
    expect(delta('chat_send_latency_seconds_count{outcome="refused"}')).toBe(1);
    expect(delta('chat_send_latency_seconds_bucket{le="+Inf",outcome="ok"}')).toBe(3);
    expect(delta('chat_send_latency_seconds_sum{outcome="ok"}')).toBeGreaterThan(0);
    expect(delta('chat_fanout_latency_seconds_count{event="message.sent"}')).toBe(4);
    expect(delta('chat_db_query_duration_seconds_count')).toBeGreaterThan(4);
    // Node's own figures, and the pool only where there is one.
    expect(after.has('process_cpu_user_seconds_total')).toBe(true);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect(after.has('chat_db_pool_connections{state="total"}')).toBe(TEST_DB === 'postgres');
    if (TEST_DB === 'postgres')
      expect(value(after, 'chat_db_pool_connections{state="total"}')).toBeGreaterThan(0);

    sb.disconnect();
    const deadline = Date.now() + 5000;
    while (value(await scrape(server.url), 'chat_socket_connections') !== 1) {
      if (Date.now() > deadline) throw new Error('the closed socket is still counted');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
