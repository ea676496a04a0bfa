// Applies pending migrations to the configured database and exits.
// The server does the same at start; this is for deploy pipelines.
import { openDatabase } from '../lib/db/open';
import { parseEnv } from '../lib/env';

const env = parseEnv(process.env);
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
console.log(`Migrations applied (${db.kind}).`);
await db.close();
