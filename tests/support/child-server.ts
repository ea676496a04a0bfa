// The real server as a separate process, so a test can kill -9 it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

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

export interface LaunchedServer {
  child: ChildProcess;
  port: number;
  /** Everything it wrote so far (stdout and stderr) when launched with `capture`. */
  output(): string;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts server.ts with `env` (PORT included; an undefined value unsets the
 * variable) on top of ours and returns at once. `logs: true` pipes stdout
 * (the JSON log); `capture: true` collects stdout and stderr for `output()`.
 */
export function launchServer(
  env: Record<string, string | undefined>,
  options: { logs?: boolean; capture?: boolean } = {},
): LaunchedServer {
  // `node --import tsx` keeps it one process: a signal reaches the server
  // itself, and a kill -9 leaves nothing behind.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, ...env },
    stdio: [
      'ignore',
      options.logs || options.capture ? 'pipe' : 'ignore',
      options.capture ? 'pipe' : 'inherit',
    ],
  });
  let text = '';
  if (options.capture) {
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port: Number(env.PORT), output: () => text, exited };
}

/** Waits until GET /api/health answers 200; throws if the process exits or `ms` pass first. */
export async function waitHealthy(server: LaunchedServer, ms = 60_000): Promise<void> {
  const url = `http://127.0.0.1:${server.port}/api/health`;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null)
      throw new Error(`server exited with ${exitCode ?? signalCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy within ${ms / 1000} s`);
}

/** Starts server.ts with `env` on top of ours and waits until it is healthy. */
export async function spawnServer(
  env: Record<string, string>,
  options: { logs?: boolean } = {},
): Promise<ChildProcess> {
  const server = launchServer(env, options);
  try {
    await waitHealthy(server);
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
  return server.child;
}
