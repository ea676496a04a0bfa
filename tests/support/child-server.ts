// The real server as a separate process: for a kill -9, a signal, a restart,
// a cluster or a benchmark. Tests, the e2e run and the bench start it here.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers 2xx; rejects if `child` exits first or time runs out. */
export async function waitHealthy(url: string, child?: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`process exited with ${child.exitCode ?? child.signalCode} before ${url} answered`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Sends `signal` and waits for the exit; past `graceMs`, SIGKILL. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 12_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  if ((await Promise.race([exited, sleep(graceMs, 'late')])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}

export interface ChildServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** What it was started with, to start it again the same way. */
  env: Record<string, string>;
  /** SIGTERM, then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Node flags (for example --cpu-prof). */
  nodeArgs?: string[];
  /** Modules to load before server.ts, after tsx (so they may be TypeScript). */
  imports?: string[];
  /** Run the build of `npm run build` (dist/server.js, as `npm start` does) instead of server.ts through tsx. */
  compiled?: boolean;
  /** stdout and stderr: by default stdout (the JSON log) is ignored and stderr shown. `logs` pipes stdout. */
  stdio?: StdioOptions;
  logs?: boolean;
  timeoutMs?: number;
}

/**
 * Starts server.ts with `env` over ours, on a free port unless PORT is given,
 * and resolves once /api/health answers. A secret and quiet test defaults
 * are filled in where `env` does not set them.
 */
export async function spawnServer(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<ChildServer> {
  const full: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ...env,
    PORT: env.PORT ?? String(await freePort()),
  };
  const { child, url } = launchServer(full, options);
  try {
    await waitHealthy(`${url}/api/health`, child, options.timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, url, port: Number(full.PORT), env: full, stop: () => stopChild(child) };
}

export interface LaunchedServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it wrote so far (stdout and stderr) when launched with `capture`. */
  output(): string;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts server.ts with exactly `env` (PORT included; an undefined value
 * unsets the variable) on top of ours and returns at once, healthy or not.
 * `logs` pipes stdout (the JSON log); `capture` collects stdout and stderr
 * for `output()`.
 */
export function launchServer(
  env: Record<string, string | undefined>,
  options: Omit<SpawnOptions, 'timeoutMs'> & { capture?: boolean } = {},
): LaunchedServer {
  // `node --import tsx` keeps it one process: a signal reaches the server
  // itself, and a kill -9 leaves nothing behind.
  // A TypeScript preload still needs tsx; it only changes how modules load, not how they run.
  const extra = options.imports ?? [];
  const imports = options.compiled && extra.every((m) => !m.endsWith('.ts')) ? extra : ['tsx', ...extra];
  const preload = imports.flatMap((module) => ['--import', module]);
  const entry = options.compiled ? ['--enable-source-maps', 'dist/server.js'] : ['server.ts'];
  const piped = options.logs || options.capture;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...preload, ...entry], {
    env: { ...process.env, ...env },
    stdio: options.stdio ?? ['ignore', piped ? 'pipe' : 'ignore', options.capture ? 'pipe' : 'inherit'],
  });
  let text = '';
  if (options.capture) {
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url: `http://127.0.0.1:${env.PORT}`, port: Number(env.PORT), output: () => text, exited };
}
