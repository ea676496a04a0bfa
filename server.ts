// One process, one port: Next's pages and route handlers, and Socket.IO.
//   npm start        production build (npm run build first)
//   npm run dev      development, with hot reload
import { parseEnv } from './lib/env';
import { logger } from './lib/logger';
import { startServer } from './lib/server/start';

const dev = process.argv.includes('--dev');

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

try {
  const server = await startServer({ env, dev });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger().info({ signal }, 'shutting down');
      void server.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  // One clear line for a person; the details in the structured log.
  console.error(`Could not start: ${(error as Error).message}`);
  logger().debug({ err: error }, 'start failed');
  process.exit(1);
}
