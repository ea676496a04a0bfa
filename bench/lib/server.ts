// Starts and stops the processes under test: our server (built once) on a
// fresh database, and the bare relay.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Target {
  /** The first process; registration and seeding go here. */
  url: string;
  /** Every process of the target: clients spread over them. */
  urls: string[];
  pids: number[];
  stop: () => Promise<void>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  env: Record<string, string>;
  /** psql connection string, PostgreSQL only. */
  url?: string;
  drop: () => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function psql(url: string, sql: string): string {
  const out = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`psql failed: ${out.stderr.trim()}`);
  return out.stdout.trim();
}

export function createDatabase(kind: 'postgres' | 'pglite'): Database {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
    return { kind, env: { DATA_DIR: dir }, drop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `chat_bench_${Date.now()}`;
  psql(PG_ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    kind,
    url,
    env: { DATABASE_URL: url, DATA_DIR: mkdtempSync(join(tmpdir(), 'chat-bench-')) },
    drop: () => psql(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** True when .next/BUILD_ID is older than any source Next compiles. */
export function buildIsStale(): boolean {
  let built: number;
  try {
    built = statSync('.next/BUILD_ID').mtimeMs;
  } catch {
    return true;
  }
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? e.name !== 'generated' && newer(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs > built,
    );
  return ['app', 'components', 'lib'].some((d) => existsSync(d) && newer(d));
}

export function build(): number {
  const started = performance.now();
  const out = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (out.status !== 0) throw new Error(`npm run build failed:\n${out.stdout}\n${out.stderr}`);
  return performance.now() - started;
}

export async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/**
 * Our server: one process, or with Redis `processes` of them on the same
 * database joined by the Socket.IO adapter (docs/deployment.md).
 */
/** Node options of a process under test: TypeScript, and a full GC on SIGUSR2 (see settledMemory). */
const MEASURABLE = ['--import', 'tsx', '--import', join(import.meta.dirname, 'gc-on-signal.ts')];

export async function startOurs(
  db: Database,
  options: {
    cpuProfDir?: string;
    redisUrl?: string;
    processes?: number;
    /** Over the bench's settings (which lift every per-user limit), e.g. the production budgets. */
    env?: Record<string, string>;
  },
): Promise<Target> {
  const count = options.redisUrl ? (options.processes ?? 2) : 1;
  const prefix = `bench-${Date.now()}:`;
  const redisEnv: Record<string, string> = options.redisUrl
    ? { REDIS_URL: options.redisUrl, REDIS_PREFIX: prefix }
    : {};
  const secret = randomBytes(32).toString('base64url');
  const nodes: Target[] = [];
  try {
    for (let i = 0; i < count; i++) nodes.push(await startOne(db, { ...options, secret, env: redisEnv, overrides: options.env ?? {} }));
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  return {
    url: nodes[0]!.url,
    urls: nodes.map((n) => n.url),
    pids: nodes.flatMap((n) => n.pids),
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
      if (options.redisUrl) await dropRedisKeys(options.redisUrl, prefix);
    },
  };
}

/** The run's keys (the adapter's stream holds up to REDIS_STREAM_MAX_LEN broadcasts). */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

async function startOne(
  db: Database,
  options: { cpuProfDir?: string; secret: string; env: Record<string, string>; overrides: Record<string, string> },
): Promise<Target> {
  const port = await freePort();
  const execArgv = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...execArgv, ...MEASURABLE, 'server.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...db.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...options.env,
      // Shared, so a token from one process is good on the others.
      AUTH_SECRET: options.secret,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      AUTH_REQUESTS_PER_MINUTE: '1000000',
      SOCKET_EVENTS_PER_SECOND: '100000',
      USER_EVENTS_PER_SECOND: '100000',
      USER_WRITES_PER_SECOND: '100000',
      USER_READS_PER_SECOND: '100000',
      USER_REQUESTS_IN_FLIGHT: '100000',
      PRESENCE_GRACE_MS: '0',
      GROUP_MAX_PARTICIPANTS: '1000',
      ...options.overrides,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/api/health`, child, 120_000);
  return { url, urls: [url], pids: [child.pid ?? 0], stop: stopper(child) };
}

export async function startBare(): Promise<Target> {
  const port = await freePort();
  const script = join(import.meta.dirname, '..', 'bare-relay.ts');
  const child = spawn(process.execPath, [...MEASURABLE, script], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 30_000);
  return { url, urls: [url], pids: [child.pid ?? 0], stop: stopper(child) };
}
