// One process, one port: Next's pages and route handlers, and Socket.IO.
//   npm start        production build (npm run build first)
//   npm run dev      development, with hot reload
import { parseEnv } from './lib/env';
import { logger } from './lib/logger';
import { startServer, type RunningServer } from './lib/server/start';

const dev = process.argv.includes('--dev');

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Listening before any start-up work, so a stop while the database is being
// created or opened abandons the start and closes it instead of killing the
// process half-way.
const starting = new AbortController();
let server: RunningServer | undefined;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger().info({ signal }, 'shutting down');
    if (server) void server.close().then(() => process.exit(0));
    else {
      starting.abort();
      setTimeout(() => {
        logger().error('the abandoned start took longer than 10 s to stop; exiting');
        process.exit(1);
      }, 10_000).unref();
    }
  });
}

try {
  server = await startServer({ env, dev, signal: starting.signal });
} catch (error) {
  if (starting.signal.aborted) {
    logger().info('stopped before the start finished');
    process.exit(0);
  }
  // One clear line for a person; the details in the structured log.
  console.error(`Could not start: ${(error as Error).message}`);
  logger().debug({ err: error }, 'start failed');
  process.exit(1);
}
