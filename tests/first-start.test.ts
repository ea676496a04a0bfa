// The first start on an empty DATA_DIR is atomic: a stop at any moment of it
// (kill -9, SIGTERM, Ctrl-C) leaves a data directory the next start can use.
// The server runs as a child process on the embedded database (PGlite).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api } from './support/api';
import { sleep } from './support/chat';
import { freePort, launchServer, waitHealthy, type LaunchedServer } from './support/child-server';
import { TEST_DB } from './support/server';

const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT'] as const;
// Where the stops fall, as fractions of how long an undisturbed first start
// takes on this machine, so they cover the whole start however loaded it is.
// Seven points, 0 to 1 in sixths, for each of the three signals.
const FRACTIONS = Array.from({ length: 7 }, (_, i) => i / 6);
// Stops run in two lanes: one lane's waits overlap the other's restarts.
const LANES = 2;

interface Outcome {
  stop: string;
  exit: string;
  clean: boolean;
  /** The last lines it wrote, when the stop was not clean. */
  said: string;
  usable: boolean;
  detail: string;
}

async function launch(dataDir: string): Promise<LaunchedServer> {
  return launchServer(
    {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // No AUTH_SECRET: the first start also writes the development secret.
      AUTH_SECRET: undefined,
      NODE_ENV: 'development',
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      LOG_LEVEL: 'info',
    },
    { capture: true },
  );
}

/** Stops `server` with `signal`; says how it ended, and whether that was clean. */
async function stop(server: LaunchedServer, signal: (typeof SIGNALS)[number]) {
  server.child.kill(signal);
  const timeout = sleep(30_000).then(() => 'hung' as const);
  const ended = await Promise.race([server.exited, timeout]);
  if (ended === 'hung') {
    server.child.kill('SIGKILL');
    return { exit: 'hung', clean: false, said: lastWords(server) };
  }
  const exit = ended.code !== null ? `code ${ended.code}` : String(ended.signal);
  if (signal === 'SIGKILL') return { exit, clean: true, said: '' };
  // Before the process began starting (still loading its modules) the
  // signal's default action is the conventional end; once it has begun, it
  // must stop cleanly.
  const began = server.output().includes('"msg":');
  const clean = began ? ended.code === 0 : ended.code === 0 || ended.signal === signal;
  return { exit, clean, said: clean ? '' : lastWords(server) };
}

function lastWords(server: LaunchedServer): string {
  return server.output().trim().split('\n').slice(-3).join(' | ');
}

/** Starts again on `dataDir`: it must become healthy and sign a user up, leaving no temporary directory. */
async function usable(dataDir: string): Promise<{ usable: boolean; detail: string }> {
  const server = await launch(dataDir);
  try {
    await waitHealthy(`${server.url}/api/health`, server.child);
    await new Api(`http://127.0.0.1:${server.port}`).register('After');
    // What a first start keeps: the database, the development secret and VAPID keys (lib/push/config.ts),
    // and while it runs, its pid as the database's user (lib/db/pglite-owner.ts).
    const kept = new Set(['pglite', 'auth-secret', 'vapid-keys.json', 'pglite.pid']);
    const leftovers = (await readdir(dataDir)).filter((name) => !kept.has(name));
    if (leftovers.length) return { usable: false, detail: `left behind: ${leftovers.join(', ')}` };
    return { usable: true, detail: '' };
  } catch (error) {
    const said = server
      .output()
      .split('\n')
      .find((line) => line.startsWith('Could not start'));
    return { usable: false, detail: said ?? (error as Error).message };
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

async function stopAndRestart(
  signal: (typeof SIGNALS)[number],
  when: number | 'healthy',
): Promise<Outcome & { startMs: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-first-start-'));
  const began = Date.now();
  const server = await launch(dataDir);
  try {
    if (when === 'healthy') await waitHealthy(`${server.url}/api/health`, server.child);
    else await sleep(when);
    const startMs = Date.now() - began;
    const stopped = await stop(server, signal);
    const after = await usable(dataDir);
    return {
      stop: `${signal} at ${when === 'healthy' ? `healthy (${startMs} ms)` : `${when} ms`}`,
      ...stopped,
      ...after,
      startMs,
    };
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Always PGlite, whatever TEST_DB says: it runs once, in the PGlite pass.
describe.runIf(TEST_DB === 'pglite')('the first start on an empty DATA_DIR (PGlite pass only)', () => {
  it('survives a stop at any point of it: the next start is healthy and signs a user up', async () => {
    // The stops once healthy also measure how long a whole first start takes.
    const calibration = await Promise.all([
      stopAndRestart('SIGTERM', 'healthy'),
      stopAndRestart('SIGINT', 'healthy'),
    ]);
    const full = Math.max(...calibration.map((o) => o.startMs));
    const points = FRACTIONS.map((fraction, i) => ({
      signal: SIGNALS[i % SIGNALS.length]!,
      when: Math.round(fraction * full),
    }));
    const lanes = Array.from({ length: LANES }, (_, lane) => points.filter((_, i) => i % LANES === lane));
    const laneOutcomes = await Promise.all(
      lanes.map(async (lane) => {
        const outcomes: Outcome[] = [];
        for (const point of lane) outcomes.push(await stopAndRestart(point.signal, point.when));
        return outcomes;
      }),
    );
    const outcomes = [...calibration, ...laneOutcomes.flat()];
    console.log(
      outcomes
        .map(
          (o) =>
            `${o.stop}: ${o.exit}${o.clean ? '' : ' (not clean)'}, ${o.usable ? 'usable' : `UNUSABLE ${o.detail}`}`,
        )
        .join('\n'),
    );
    const unusable = outcomes.filter((o) => !o.usable);
    const unclean = outcomes.filter((o) => !o.clean);
    console.log(
      `${unusable.length} of ${outcomes.length} stops left an unusable DATA_DIR; ${unclean.length} were not clean`,
    );
    expect(unusable.map((o) => `${o.stop}: ${o.detail}`)).toEqual([]);
    expect(unclean.map((o) => `${o.stop}: ${o.exit}: ${o.said}`)).toEqual([]);
    // The stops follow the first start's pace, so a slow machine takes longer.
  }, 600_000);
});
