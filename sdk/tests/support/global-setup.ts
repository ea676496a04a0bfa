// The SDK tests import @chat/sdk as an app would, from its built output, and
// run the server's production build: refuse loudly rather than test a stale
// or missing build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // The package's own unit tests are not built.
    if (entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  if (!existsSync('.next/BUILD_ID') || !existsSync('dist/server.js')) {
    throw new Error('No production build: run `npm run build` before the SDK tests');
  }
  if (!existsSync('sdk/dist/index.js')) {
    throw new Error('No SDK build in sdk/dist: run `npm run build -w @chat/sdk` (or `npm run build`)');
  }
  if (newest('sdk/src') > newest('sdk/dist')) {
    throw new Error('sdk/dist is older than sdk/src: run `npm run build -w @chat/sdk` again');
  }
}
