// GET /metrics: the Prometheus text format. On the public port it needs
// `Authorization: Bearer METRICS_TOKEN` and does not exist (404) without a
// token configured; METRICS_PORT adds a listener of its own, meant for an
// internal interface, that answers without one.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { metrics } from './index';

export const METRICS_PATH = '/metrics';

/** Answers a request for METRICS_PATH on the public port. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined): void {
  if (!token) return answer(res, 404, 'NOT_FOUND', 'Not found.');
  if (!hasToken(req.headers.authorization, token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return answer(res, 401, 'UNAUTHENTICATED', 'A valid metrics token is required.');
  }
  void writeMetrics(req, res);
}

/** The internal listener: METRICS_PATH only, no token. */
export async function listenForMetrics(port: number, host: string, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== METRICS_PATH) return answer(res, 404, 'NOT_FOUND', 'Not found.');
    void writeMetrics(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  log.info({ host, port }, 'metrics listening');
  return server;
}

async function writeMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return answer(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
  }
  const { registry } = metrics();
  try {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    answer(res, 500, 'INTERNAL', 'Something went wrong.');
  }
}

/** Compared as digests, so neither the time taken nor a length mismatch tells anything about the token. */
function hasToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function answer(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message } }));
}
