import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../lib/db/open';

// Integration tests run the production build in-process; refuse loudly
// rather than testing a stale or missing build. Then migrate one embedded
// database for startTestServer to copy (support/postgres.ts): a copy costs
// about a third of migrating a new one, once per server started.
export default async function setup(): Promise<() => Promise<void>> {
  if (!existsSync('.next/BUILD_ID')) {
    throw new Error('No production build in .next: run `npm run build` before the integration tests');
  }
  const db = process.env.TEST_DB ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error(`TEST_DB must be pglite or postgres, not ${db}`);
  console.log(`integration tests on ${db}`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-template-'));
  const template = await openDatabase({ databaseUrl: undefined, dataDir });
  await template.close();
  // The test workers start after this and inherit it.
  process.env.TEST_PGLITE_TEMPLATE = path.join(dataDir, 'pglite');
  return () => rm(dataDir, { recursive: true, force: true });
}
