// One real server process on PostgreSQL for a test file, which the test can
// stop, restart on the same port and database, or kill -9: what a client of
// the SDK lives through in production.
import { createServer } from 'node:net';
import pg from 'pg';
import { spawnServer, stopChild, type ChildServer } from '../../../tests/support/child-server';
import { RAISED_LIMITS, RAISED_SOCKET_LIMITS } from '../../../tests/support/limits';
import { createServerDatabase, type ServerDatabase } from '../../../tests/support/postgres';

export interface ServerUnderTest {
  readonly url: string;
  /** The server's database, to compare a client's store with. */
  readonly db: pg.Client;
  readonly up: boolean;
  /** SIGTERM: the clean stop of a deploy. */
  stop(): Promise<void>;
  /** SIGKILL: no goodbye, acks in flight lost. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A free port below Linux's ephemeral range (32768–60999): these servers
 * restart on their port, and a port from that range, once freed, can be
 * handed to any other process's listen(0) in the meantime (the integration
 * pass running beside this one), which then answers this test's requests.
 */
async function stablePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export async function startServerUnderTest(
  prefix: string,
  env: Record<string, string> = {},
): Promise<ServerUnderTest> {
  const database: ServerDatabase = await createServerDatabase('postgres', prefix);
  let child: ChildServer | null = await spawnServer(
    { ...RAISED_LIMITS, ...RAISED_SOCKET_LIMITS, ...database.env, PORT: String(await stablePort()), ...env },
    { compiled: true },
  );
  const launchEnv = child.env;
  const url = child.url;
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();

  const halt = async (signal: NodeJS.Signals) => {
    if (!child) return;
    const current = child;
    child = null;
    await stopChild(current.child, signal);
  };
  return {
    url,
    db,
    get up() {
      return child !== null;
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    start: async () => {
      if (child) throw new Error('the server is already running');
      child = await spawnServer(launchEnv, { compiled: true });
    },
    dispose: async () => {
      await halt('SIGKILL');
      await db.end().catch(() => undefined);
      await database.drop();
    },
  };
}
