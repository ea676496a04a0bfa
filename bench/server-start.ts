// Start time and memory of one server process, run the old way (server.ts
// compiled on load by tsx) and the way `npm start` runs it now (the esbuild
// bundle dist/server.js that `npm run build` makes), alternating, on the
// embedded database in a DATA_DIR migrated beforehand.
//   npm run build && npm run bench:start [-- --rounds 5]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchServer, freePort, stopChild, waitHealthy } from '../tests/support/child-server';
import { rssKB } from './lib/proc-stats';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Sample {
  startMs: number;
  rssAtHealthKB: number;
  rssSettledKB: number;
}

async function once(dataDir: string, compiled: boolean): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const server = launchServer(
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', AUTH_SECRET: 'x'.repeat(43) },
    { compiled },
  );
  try {
    await waitHealthy(`${server.url}/api/health`, server.child, 120_000);
    const startMs = performance.now() - started;
    const pid = server.child.pid!;
    const rssAtHealthKB = rssKB(pid);
    await sleep(3000);
    return { startMs, rssAtHealthKB, rssSettledKB: rssKB(pid) };
  } finally {
    await stopChild(server.child);
  }
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-start-'));
try {
  await once(dataDir, true); // creates and migrates the database; not counted
  const runs: Record<'tsx' | 'compiled', Sample[]> = { tsx: [], compiled: [] };
  for (let i = 0; i < rounds; i++) {
    runs.tsx.push(await once(dataDir, false));
    runs.compiled.push(await once(dataDir, true));
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([mode, samples]) => [
      mode,
      {
        startMs: Math.round(median(samples.map((s) => s.startMs))),
        rssAtHealthMB: Math.round(median(samples.map((s) => s.rssAtHealthKB)) / 1024),
        rssSettledMB: Math.round(median(samples.map((s) => s.rssSettledKB)) / 1024),
      },
    ]),
  );
  const ratio = (key: 'startMs' | 'rssSettledMB') =>
    Math.round(((summary.compiled![key] as number) / (summary.tsx![key] as number)) * 100) / 100;
  console.log(JSON.stringify({ rounds, medians: summary, compiledOverTsx: { startMs: ratio('startMs'), rssSettledMB: ratio('rssSettledMB') } }, null, 2));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
