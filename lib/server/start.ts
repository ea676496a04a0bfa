// Builds the one process: HTTP server, Next's handler, Socket.IO, database.
// server.ts calls this; integration tests call it on port 0.
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { CLIENT_ADDRESS_HEADER, shareAuthAttempts } from '../auth/attempts';
import { SERVER_ORIGIN_HEADER, serverOrigin } from '../auth/origin';
import { resolveAuthSecret, setAuthSecret } from '../auth/secret';
import { setDatabase, type Database } from '../db';
import { openDatabase } from '../db/open';
import { exportNextAuthUrl, trustedOrigins, installEnv, type Env } from '../env';
import { apiOperationOf, refuseUnroutedApiRequest, type ApiRefusal } from '../http/api-routes';
import { parseQuery } from '../http/decode';
import { setSecurityHeaders } from '../http/security-headers';
import { UserGate, type GateRefusal } from '../http/user-gate';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { METRICS_PATH, serveMetrics } from '../metrics/http';
import { startMetrics } from '../metrics/start';
import { schedulePurgeOfClosedChats } from '../chat/purge-closed-chats';
import { startSearchIndexer } from '../chat/search-index';
import { startAnalytics } from '../analytics/start';
import { scheduleExpiryOfMessages } from '../chat/expire-messages';
import { scheduleErasureOfAccounts } from '../users/erase-accounts';
import { startExportWorker } from '../exports/worker';
import { isMediaPath, isUploadPath, serveMediaRequest } from '../media/http';
import { startMedia } from '../media/start-media';
import { attachRealtime, closeRealtime, type ChatServer, type RealtimeDeps } from '../realtime/attach';
import { redisPresenceStore } from '../realtime/presence-redis';
import { createRedisAdapter, type RedisAdapter } from '../realtime/redis-adapter';
import { createRateLimiter, redisLimiters } from '../realtime/rate-limit';
import { registerHealthProbe, unregisterHealthProbe } from '../health';
import { startPush } from '../push/start';
import { startLinkPreviews } from '../link-previews/start';
import { createRedis, waitForRedis, type RedisClient } from '../redis';
import { shareUserBudgets } from '../user-budget';

export interface StartOptions {
  env: Env;
  /** Next in development mode (compiles on demand, hot reload). */
  dev: boolean;
  /** Serve pages and route handlers; tests of the socket layer alone turn it off. */
  withNext?: boolean;
  /** Abandons the start when aborted: what was opened is closed, and the promise rejects. */
  signal?: AbortSignal;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: HttpServer;
  io: ChatServer;
  database: Database;
  /** Stops accepting, closes sockets and the database; resolves within 10 s. */
  close(): Promise<void>;
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env, signal } = options;
  const log = logger();
  const { secret, generated } = await resolveAuthSecret(env);
  if (generated)
    log.warn('AUTH_SECRET is not set; using a generated secret kept in DATA_DIR (development only)');
  setAuthSecret(secret);
  installEnv(env);
  exportNextAuthUrl(env);

  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    maxConnections: env.DATABASE_POOL_SIZE,
    signal,
  });
  setDatabase(database);
  log.info({ db: database.kind }, 'database ready');
  const backends: Backends = { database, env };
  try {
    return await serve(options, secret, backends);
  } catch (error) {
    // A failed or abandoned start closes the database like a stop would.
    await closeBackends(backends);
    throw error;
  }
}

interface Backends {
  database: Database;
  redis?: RedisClient;
  adapter?: RedisAdapter;
  media?: { stop(): Promise<void> };
  env: Env;
  closed?: Promise<void>;
  /** Stops the push queue (lib/push), before Redis and the database close. */
  stopPush?: () => Promise<void>;
  /** Stops fetching link previews (lib/link-previews), before the database closes. */
  stopLinkPreviews?: () => Promise<void>;
  /** Detaches the metrics from this server and closes METRICS_PORT's listener. */
  stopMetrics?: () => Promise<void>;
}

async function serve(options: StartOptions, secret: string, backends: Backends): Promise<RunningServer> {
  const { env, signal } = options;
  const { database } = backends;
  const log = logger();
  // Several processes, one deployment: events, presence and limits go through Redis.
  let redis: RedisClient | undefined;
  let shared: Partial<RealtimeDeps> = {};
  let limiters: ReturnType<typeof redisLimiters> | undefined;
  // A server starts with fresh in-memory counters under its own settings,
  // whatever an earlier server in this process counted.
  shareAuthAttempts(undefined, env);
  shareUserBudgets(undefined, env);
  if (env.REDIS_URL) {
    redis = backends.redis = createRedis(env.REDIS_URL, log);
    await unlessAborted(waitForRedis(redis), signal);
    const prefix = env.REDIS_PREFIX;
    limiters = redisLimiters(redis, prefix);
    shareAuthAttempts(limiters, env);
    shareUserBudgets(limiters, env);
    const adapter = (backends.adapter = createRedisAdapter(
      redis,
      { kind: env.REDIS_ADAPTER, prefix, streamMaxLen: env.REDIS_STREAM_MAX_LEN },
      log,
    ));
    shared = {
      adapter: adapter.adapter,
      presenceStore: redisPresenceStore(redis, {
        prefix,
        ttlMs: env.PRESENCE_TTL_MS,
        graceMs: env.PRESENCE_GRACE_MS,
      }),
      presenceHeartbeatMs: Math.ceil(env.PRESENCE_TTL_MS / 3),
      rateLimiter: createRateLimiter(
        { socketPerSecond: env.SOCKET_EVENTS_PER_SECOND, userPerSecond: env.USER_EVENTS_PER_SECOND },
        limiters,
      ),
    };
    const client = redis;
    registerHealthProbe('redis', () => client.ping());
    log.info({ prefix, adapter: env.REDIS_ADAPTER }, 'redis ready: running as one of several processes');
  }

  let handleRequest: (req: IncomingMessage, res: ServerResponse) => unknown = (_req, res) => {
    res.statusCode = 404;
    res.end();
  };
  let handleUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => unknown) | undefined;
  if (options.withNext ?? true) {
    const app = next({ dev: options.dev, hostname: env.HOST, port: env.PORT, dir: process.cwd() });
    await unlessAborted(app.prepare(), signal);
    handleRequest = app.getRequestHandler();
    handleUpgrade = options.dev ? app.getUpgradeHandler() : undefined;
  }

  const media = await unlessAborted(startMedia(env), signal);
  backends.media = media;
  backends.stopPush = await startPush({ env, log, redis, limiters });
  backends.stopLinkPreviews = startLinkPreviews(env, log);

  const gate = new UserGate({ secret, maxInFlight: env.USER_REQUESTS_IN_FLIGHT });
  const originOf = (req: IncomingMessage) =>
    serverOrigin(req, { publicUrl: env.PUBLIC_URL, trustProxy: env.TRUST_PROXY });
  // Uploads and media are answered here, not by Next: uploads stream in
  // without Next's body limits, media streams out of storage.
  const dispatch = (req: IncomingMessage, res: ServerResponse, pathname: string, release?: () => void) => {
    if (isMediaPath(pathname)) void serveMediaRequest(req, res, { env, release });
    else void handleRequest(req, res);
  };
  const { errors } = metrics();
  const httpServer = createServer((req, res) => {
    res.once('finish', () => {
      if (res.statusCode >= 500) errors.inc({ source: 'http' });
    });
    // Stamped here, over anything the client sent: the sign-in throttle's
    // address, and our origin for the CSRF check and the page policy.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, env.TRUST_PROXY);
    const origin = originOf(req);
    if (origin) req.headers[SERVER_ORIGIN_HEADER] = origin;
    else delete req.headers[SERVER_ORIGIN_HEADER];
    // Here rather than in next.config.ts: they then cover every response,
    // this server's own 400 included, and HSTS follows the runtime PUBLIC_URL.
    setSecurityHeaders(res, { https: origin?.startsWith('https:') ?? false, path: req.url ?? '/' });
    // Next answers a path it cannot decode with a bare 500, and replaces a
    // query's bytes that are not UTF-8 with U+FFFD; both are the client's mistake.
    if (!isDecodableUrl(req.url)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'VALIDATION', message: 'The URL is not validly encoded.' } }));
      return;
    }
    const method = req.method ?? 'GET';
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === METRICS_PATH) return serveMetrics(req, res, env.METRICS_TOKEN);
    const refusal = refuseUnroutedApiRequest(method, pathname);
    if (refusal) return refuse(res, refusal);
    // A user over budget or with too much in progress is answered here,
    // before Next routes the request or anyone reads its body.
    gate.admit(req, apiOperationOf(method, pathname)).then(
      (answer) => {
        if (answer && 'refusal' in answer) {
          const { refusal: early } = answer;
          setTimeout(() => refuse(res, early), early.holdMs).unref();
          return;
        }
        if (answer) res.once('close', answer.release);
        dispatch(req, res, pathname, answer?.release);
      },
      (error: unknown) => {
        log.error({ err: error }, 'request gate failed');
        dispatch(req, res, pathname);
      },
    );
  });
  // "Expect: 100-continue": an upload says whether to send the body once it
  // has checked what it can without it; everything else goes on at once.
  httpServer.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!isUploadPath((req.url ?? '').split('?')[0] ?? '')) res.writeContinue();
    httpServer.emit('request', req, res);
  });
  const io = attachRealtime(httpServer, {
    secret,
    allowedOrigins: trustedOrigins(env),
    serverOrigin: originOf,
    logger: log,
    maxPayloadBytes: env.SOCKET_MAX_PAYLOAD_BYTES,
    presenceGraceMs: env.PRESENCE_GRACE_MS,
    recoverySeconds: env.SOCKET_RECOVERY_SECONDS,
    socketEventsPerSecond: env.SOCKET_EVENTS_PER_SECOND,
    userEventsPerSecond: env.USER_EVENTS_PER_SECOND,
    maxSocketsPerUser: env.SOCKET_MAX_PER_USER,
    ...shared,
  });
  backends.stopMetrics = await startMetrics(io, env, log);
  // Broadcasts this process may have missed: its clients' connections are
  // closed under them (no disconnect packet, which would stop the client from
  // reconnecting), they reconnect with their usual backoff, and `sync` fills the gap.
  backends.adapter?.onBroadcastsLost(() => {
    for (const socket of io.sockets.sockets.values()) socket.conn.close();
  });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url?.startsWith('/socket.io')) return; // Socket.IO's own listener takes it.
    if (handleUpgrade) void handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url = `http://${host}:${port}`;
  log.info({ url, dev: options.dev }, 'listening');
  const stopPurging = schedulePurgeOfClosedChats();
  const indexer = startSearchIndexer({
    delayMs: env.SEARCH_INDEX_DELAY_MS,
    intervalMs: env.SEARCH_INDEX_INTERVAL_MS,
    log,
  });
  const stopExpiring = scheduleExpiryOfMessages();
  const stopAnalytics = startAnalytics({ intervalMs: env.ANALYTICS_ROLLUP_SECONDS * 1000, log });
  const stopErasing = scheduleErasureOfAccounts();
  const stopExports = startExportWorker({ env, log });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const timer = setTimeout(() => {
        log.error('shutdown took longer than 10 s; exiting');
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      stopPurging();
      await stopErasing();
      await stopExpiring();
      await stopExports();
      // Also closes the HTTP server (stops accepting connections).
      await closeRealtime(io);
      httpServer.closeAllConnections();
      await indexer.stop();
      await stopAnalytics();
      await closeBackends(backends);
      clearTimeout(timer);
      log.info('stopped');
    })();
    return closing;
  };

  if (signal?.aborted) {
    await close();
    signal.throwIfAborted();
  }
  return { url, port, httpServer, io, database, close };
}

function closeBackends(backends: Backends): Promise<void> {
  const { database, redis, adapter, env, media } = backends;
  backends.closed ??= (async () => {
    await backends.stopMetrics?.();
    await media?.stop();
    await backends.stopPush?.();
    await backends.stopLinkPreviews?.();
    await adapter?.close();
    if (redis) {
      unregisterHealthProbe('redis');
      shareAuthAttempts(undefined, env);
      // QUIT goes after the queued commands (the closed sockets' presence).
      await Promise.race([
        redis.quit().catch(() => undefined),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ]);
      redis.disconnect();
    }
    await database.close();
    setDatabase(undefined);
  })();
  return backends.closed;
}

/** `work`, or a rejection as soon as `signal` aborts: a stop need not wait for Next or Redis. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** A JSON error answered by this server itself; the body is never read. */
function refuse(res: ServerResponse, refusal: ApiRefusal | GateRefusal): void {
  if (res.destroyed) return;
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...refusal.headers,
  });
  res.end(JSON.stringify(refusal.body));
}

function isDecodableUrl(url: string | undefined): boolean {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  try {
    decodeURIComponent(query === -1 ? raw : raw.slice(0, query));
    if (query !== -1) parseQuery(raw.slice(query + 1));
    return true;
  } catch {
    return false;
  }
}

function clientAddressOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || req.socket.remoteAddress || 'unknown';
}
