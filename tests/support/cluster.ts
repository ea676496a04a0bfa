// Several real server processes sharing one PostgreSQL database and one
// Redis, each on its own port, as a scaled-out deployment runs them.
import { randomBytes } from 'node:crypto';
import { spawnServer, type ChildServer } from './child-server';
import { RAISED_LIMITS } from './limits';
import { createServerDatabase, type ServerDatabase } from './postgres';
import { dropRedisKeys, REDIS_URL } from './redis';
import type { ClientSocket } from './sockets';

export interface Cluster {
  nodes: ChildServer[];
  databaseUrl: string;
  /** Starts (or restarts) node i with the same environment. */
  restart(i: number): Promise<ChildServer>;
  stop(): Promise<void>;
}

export async function startCluster(size: number, extra: Record<string, string> = {}): Promise<Cluster> {
  const prefix = `test-${randomBytes(4).toString('hex')}:`;
  const redisUrl = extra.REDIS_URL ?? REDIS_URL;
  const shared = {
    ...RAISED_LIMITS,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    // One secret: a token from one node is good on the others.
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    PRESENCE_GRACE_MS: '300',
    PRESENCE_TTL_MS: '3000',
    ...extra,
  };
  // One PostgreSQL database for all; each node a DATA_DIR of its own.
  const databases: ServerDatabase[] = [];
  for (let i = 0; i < size; i++)
    databases.push(await createServerDatabase(i === 0 ? 'postgres' : 'pglite', 'chat_cluster'));
  const databaseUrl = databases[0]!.url!;
  const envs = databases.map((d) => ({ ...shared, DATA_DIR: d.env.DATA_DIR, DATABASE_URL: databaseUrl }));
  // Migrations take an advisory lock, so the nodes may start together.
  const nodes = await Promise.all(envs.map((env) => spawnServer(env)));
  return {
    nodes,
    databaseUrl,
    async restart(i) {
      const node = nodes[i];
      if (!node) throw new Error(`no node ${i}`);
      nodes[i] = await spawnServer(node.env);
      return nodes[i];
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await Promise.all(databases.map((d) => d.drop()));
      await dropRedisKeys(redisUrl, prefix);
    },
  };
}

export function moveTo(socket: ClientSocket, url: string): void {
  // The manager opens each new transport to `uri`: the client's list of
  // servers, reduced to the one still alive.
  (socket.io as unknown as { uri: string }).uri = url;
}
