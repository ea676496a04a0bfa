// Starts and stops the processes under test: our server (built once) on a
// fresh database, and the bare relay.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, spawnServer, stopChild, waitHealthy } from '../../tests/support/child-server';
import { RAISED_LIMITS, RAISED_SOCKET_LIMITS } from '../../tests/support/limits';
import { ADMIN_URL, createServerDatabase, type ServerDatabase } from '../../tests/support/postgres';
import { dropRedisKeys } from '../../tests/support/redis';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? ADMIN_URL;

export interface Target {
  /** The first process; registration and seeding go here. */
  url: string;
  /** Every process of the target: clients spread over them. */
  urls: string[];
  pids: number[];
  stop: () => Promise<void>;
}

export type Database = ServerDatabase;

export function psql(url: string, sql: string): string {
  const out = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`psql failed: ${out.stderr.trim()}`);
  return out.stdout.trim();
}

/**
 * The PostgreSQL processes that work for `db`: its backends, and the
 * writers every database shares (WAL writer, checkpointer, background
 * writer), whose work here is the bench's unless something else writes.
 */
export function databasePids(db: Database): number[] {
  if (!db.url) return [];
  const name = new URL(db.url).pathname.slice(1);
  const out = psql(
    PG_ADMIN_URL,
    `SELECT pid FROM pg_stat_activity WHERE datname = '${name.replace(/'/g, "''")}'
       OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
  );
  return out.split('\n').filter(Boolean).map(Number);
}

/** The cluster's current WAL position, in bytes. */
export function walPosition(): number {
  return Number(psql(PG_ADMIN_URL, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"));
}

/** The bench's database: its own PostgreSQL database (BENCH_PG_URL's server) or PGlite in a fresh DATA_DIR. */
export function createDatabase(kind: 'postgres' | 'pglite'): Promise<Database> {
  return createServerDatabase(kind, 'chat_bench', PG_ADMIN_URL);
}

/** True when Next's build or dist/server.js is older than any source they compile. */
export function buildIsStale(): boolean {
  let built: number;
  try {
    built = Math.min(statSync('.next/BUILD_ID').mtimeMs, statSync('dist/server.js').mtimeMs);
  } catch {
    return true;
  }
  if (statSync('server.ts').mtimeMs > built) return true;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? e.name !== 'generated' && newer(join(dir, e.name))
        : statSync(join(dir, e.name)).mtimeMs > built,
    );
  return ['app', 'components', 'lib'].some((d) => existsSync(d) && newer(d));
}

export function build(): number {
  const started = performance.now();
  const out = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (out.status !== 0) throw new Error(`npm run build failed:\n${out.stdout}\n${out.stderr}`);
  return performance.now() - started;
}

/** Loaded into every process under test: a full GC on SIGUSR2 (see settledMemory). */
const GC_ON_SIGNAL = join(import.meta.dirname, 'gc-on-signal.ts');

/**
 * Our server: one process, or with Redis `processes` of them on the same
 * database joined by the Socket.IO adapter (docs/deployment.md).
 */
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

async function startOne(
  db: Database,
  options: { cpuProfDir?: string; secret: string; env: Record<string, string>; overrides: Record<string, string> },
): Promise<Target> {
  const server = await spawnServer(
    {
      ...db.env,
      ...options.env,
      // Shared, so a token from one process is good on the others.
      AUTH_SECRET: options.secret,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...RAISED_LIMITS,
      ...RAISED_SOCKET_LIMITS,
      PRESENCE_GRACE_MS: '0',
      GROUP_MAX_PARTICIPANTS: '1000',
      // The upload scenario posts hundreds of megabytes as one user.
      UPLOAD_DAILY_BYTES: String(64 * 1024 ** 3),
      UPLOAD_DAILY_FILES: '1000000',
      ...options.overrides,
    },
    {
      nodeArgs: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
      imports: [GC_ON_SIGNAL],
      // What `npm start` runs: the build, not TypeScript compiled on load.
      compiled: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeoutMs: 120_000,
    },
  );
  return { url: server.url, urls: [server.url], pids: [server.child.pid ?? 0], stop: server.stop };
}

export async function startBare(): Promise<Target> {
  const port = await freePort();
  const script = join(import.meta.dirname, '..', 'bare-relay.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', GC_ON_SIGNAL, script], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 30_000);
  return { url, urls: [url], pids: [child.pid ?? 0], stop: () => stopChild(child) };
}
