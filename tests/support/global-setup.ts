import { existsSync } from 'node:fs';

// Integration tests run the production build in-process; refuse loudly
// rather than testing a stale or missing build.
export default function setup(): void {
  if (!existsSync('.next/BUILD_ID')) {
    throw new Error('No production build in .next: run `npm run build` before the integration tests');
  }
  const db = process.env.TEST_DB ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error(`TEST_DB must be pglite or postgres, not ${db}`);
  console.log(`integration tests on ${db}`);
}
