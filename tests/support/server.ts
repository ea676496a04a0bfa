// Starts the real server (Next's production build, Socket.IO, the database)
// in this test process on a free port, on PGlite or PostgreSQL (TEST_DB).
import { randomBytes } from 'node:crypto';
import { parseEnv } from '@/lib/env';
import { startServer, type RunningServer } from '@/lib/server/start';
import { RAISED_LIMITS } from './limits';
import { ADMIN_URL, createServerDatabase } from './postgres';

export const TEST_DB = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/**
 * For files whose subject does not depend on the database (headers,
 * routing, media processing, input validation): they run in the PostgreSQL
 * pass only, which keeps the PGlite pass, CI's longest, shorter.
 */
export const DATABASE_AGNOSTIC_PASS = TEST_DB === 'postgres';

export interface TestServer extends RunningServer {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestServer(options: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createServerDatabase(TEST_DB, 'chat_test', ADMIN_URL, { migrated: true });
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...RAISED_LIMITS,
    ...database.env,
    ...options.env,
  };
  // Route handlers read the environment themselves (lib/env.ts).
  Object.assign(process.env, vars);
  const server = await startServer({ env: parseEnv(process.env), dev: false });
  return {
    ...server,
    env: vars,
    stop: async () => {
      await server.close();
      await database.drop();
    },
  };
}
