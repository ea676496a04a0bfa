// Runs `prisma generate` offline. The CLI insists that a native schema-engine
// binary exists before it generates, although generate never runs it, and it
// cannot be downloaded here. Any existing file satisfies the check
// (see docs/database.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
