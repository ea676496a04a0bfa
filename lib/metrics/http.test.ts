import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForMetrics, serveMetrics } from './http';
import { metrics } from './index';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

async function listen(server: Server): Promise<string> {
  servers.push(server);
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('GET /metrics', () => {
  it('does not exist on the public port without a configured token', async () => {
    const url = await listen(createServer((req, res) => serveMetrics(req, res, undefined)));
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer anything' } })).status).toBe(
      404,
    );
  });

  it('answers on METRICS_PORT without a token, and only at /metrics', async () => {
    metrics().messagesSent.inc();
    const url = await listen(await listenForMetrics(0, '127.0.0.1', pino({ level: 'silent' })));
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^chat_messages_sent_total [1-9]/m);
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'DELETE' })).status).toBe(405);
  });
});
