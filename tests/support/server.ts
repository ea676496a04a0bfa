// Starts the real server (Next's production build, Socket.IO, the database)
// in this test process on a free port, on PGlite or PostgreSQL (TEST_DB).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from '@/lib/env';
import { startServer, type RunningServer } from '@/lib/server/start';
import { createTestDatabase } from './postgres';

export const TEST_DB = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

export interface TestServer extends RunningServer {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: { withNext?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-test-'));
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Every test account comes from 127.0.0.1; tests of the throttle lower it.
    AUTH_REQUESTS_PER_MINUTE: '100000',
    // Tests send faster than a person; tests of the per-user budgets lower them.
    USER_WRITES_PER_SECOND: '100000',
    USER_READS_PER_SECOND: '100000',
    USER_REQUESTS_IN_FLIGHT: '100000',
    ...options.env,
  };
  let dropDatabase = async () => {};
  if (TEST_DB === 'postgres') {
    const database = await createTestDatabase('chat_test');
    vars.DATABASE_URL = database.url;
    dropDatabase = database.drop;
  }
  // Route handlers read the environment themselves (lib/env.ts).
  Object.assign(process.env, vars);
  const server = await startServer({ env: parseEnv(process.env), dev: false, withNext: options.withNext });
  return {
    ...server,
    env: vars,
    stop: async () => {
      await server.close();
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
