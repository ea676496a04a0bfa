// Several real server processes sharing one PostgreSQL database and one
// Redis, each on its own port, as a scaled-out deployment runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { sleep } from './chat';
import { freePort, spawnServer } from './child-server';
import { createTestDatabase } from './postgres';
import type { ClientSocket } from './sockets';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterNode {
  url: string;
  port: number;
  child: ChildProcess;
  env: Record<string, string>;
}

export interface Cluster {
  nodes: ClusterNode[];
  databaseUrl: string;
  /** Starts (or restarts) node i with the same environment. */
  restart(i: number): Promise<ClusterNode>;
  stop(): Promise<void>;
}

export async function startCluster(size: number, extra: Record<string, string> = {}): Promise<Cluster> {
  const database = await createTestDatabase('chat_cluster');
  const databaseUrl = database.url;
  const prefix = `test-${randomBytes(4).toString('hex')}:`;
  const redisUrl = extra.REDIS_URL ?? REDIS_URL;
  const shared = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_REQUESTS_PER_MINUTE: '100000',
    USER_WRITES_PER_SECOND: '100000',
    USER_READS_PER_SECOND: '100000',
    USER_REQUESTS_IN_FLIGHT: '100000',
    PRESENCE_GRACE_MS: '300',
    PRESENCE_TTL_MS: '3000',
    ...extra,
  };
  const dataDirs: string[] = [];
  const envs = await Promise.all(
    Array.from({ length: size }, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'chat-node-'));
      dataDirs.push(dir);
      return { ...shared, PORT: String(await freePort()), DATA_DIR: dir };
    }),
  );
  const start = async (env: Record<string, string>): Promise<ClusterNode> => ({
    url: `http://127.0.0.1:${env.PORT}`,
    port: Number(env.PORT),
    child: await spawnServer(env),
    env,
  });
  // Migrations take an advisory lock, so the nodes may start together.
  const nodes = await Promise.all(envs.map(start));
  return {
    nodes,
    databaseUrl,
    async restart(i) {
      const env = envs[i];
      if (!env) throw new Error(`no node ${i}`);
      nodes[i] = await start(env);
      return nodes[i];
    },
    async stop() {
      await Promise.all(nodes.map((n) => stopChild(n.child)));
      await database.drop();
      await Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true })));
      await deleteKeys(redisUrl, prefix);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(12_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Deletes the keys a test run left under its prefix (channels need no cleanup). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // A throwaway Redis that is already gone.
  } finally {
    redis.disconnect();
  }
}

/** A throwaway redis-server on its own port, which a test may kill and start again. */
export class RedisProcess {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    probe.on('error', () => {}); // refused until it listens
    try {
      for (let i = 0; ; i++) {
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (i > 50 || child.exitCode !== null) throw error;
          await sleep(100);
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

export function moveTo(socket: ClientSocket, url: string): void {
  // The manager opens each new transport to `uri`: the client's list of
  // servers, reduced to the one still alive.
  (socket.io as unknown as { uri: string }).uri = url;
}

