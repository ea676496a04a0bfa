// What every scenario gets from bench/run.ts.
import pg from 'pg';
import type { BenchUser } from './api';
import { CpuOfProcesses, CpuWindow } from './proc-stats';
import { ClientPool, type TrafficResult } from './pool';
import type { ClientSpec } from './protocol';
import { databasePids, walPosition, type Database, type Target } from './server';

export interface Context {
  full: boolean;
  ours: Target;
  bare: Target;
  db: Database;
  users: BenchUser[];
  workers: number;
  /** dm-storm's steps (msg/s), when given on the command line. */
  dmRates?: number[];
  /** Seconds per window and windows per step (dm-storm) or rounds (noisy-neighbour), when given. */
  stepSeconds?: number;
  windows?: number;
  log: (line: string) => void;
}

export type Kind = 'ours' | 'bare';

/**
 * Connects one client per member to `target` (ours by token, bare by rooms),
 * runs `body`, and always closes the pool.
 */
export async function withClients<T>(
  ctx: Context,
  kind: Kind,
  members: Array<{ user: BenchUser; chats: string[] }>,
  placement: ((i: number) => number) | undefined,
  body: (pool: ClientPool) => Promise<T>,
): Promise<T> {
  const target = kind === 'ours' ? ctx.ours : ctx.bare;
  const pool = new ClientPool(ctx.workers);
  try {
    // With several processes, neighbours (the two sides of a DM) land on different ones.
    const clients: ClientSpec[] = members.map((m, i) =>
      kind === 'ours' ? { token: m.user.token, url: target.urls[i % target.urls.length] } : { rooms: m.chats },
    );
    const c = await pool.connect(target.url, clients, placement);
    if (c.failed > 0) throw new Error(`${c.failed} of ${members.length} clients failed to connect: ${c.errors.join('; ')}`);
    return await body(pool);
  } finally {
    await pool.close();
  }
}

export interface Measured {
  traffic: TrafficResult;
  /** The server processes' CPU (100 = one core). */
  cpuPct: number;
  /** PostgreSQL's CPU serving them: the database's backends and the shared writers (0 for PGlite and bare). */
  dbCpuPct: number;
  /** Server and PostgreSQL CPU over the window, in seconds. */
  cpuSeconds: number;
  /** WAL PostgreSQL wrote over the window (the whole cluster's), for ours on PostgreSQL. */
  walBytes?: number;
  /** The most messages waiting for the search indexer at once (sampled every 250 ms), for ours on PostgreSQL. */
  indexBacklogMax?: number;
}

/** Samples the search indexer's to-do list until stopped; returns the largest count seen. */
function sampleIndexBacklog(url: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: url });
  let most = 0;
  let running = true;
  client.on('error', () => undefined);
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "SearchIndexTodo"');
      most = Math.max(most, Number(rows[0]?.n ?? 0));
      await new Promise((r) => setTimeout(r, 250));
    }
  })()
    // A build without the search indexer (an older one, for comparison) has no such table.
    .catch(() => undefined)
    .finally(() => client.end().catch(() => undefined));
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      return most;
    },
  };
}

/** Runs traffic while measuring the target's CPU and, for ours on PostgreSQL, the database's. */
export async function measured(ctx: Context, kind: Kind, run: () => Promise<TrafficResult>): Promise<Measured> {
  const server = new CpuWindow(kind === 'ours' ? ctx.ours.pids : ctx.bare.pids);
  const db = kind === 'ours' && ctx.db.url ? new CpuOfProcesses(() => databasePids(ctx.db)) : undefined;
  const walFrom = db ? walPosition() : undefined;
  const backlog = db && ctx.db.url ? sampleIndexBacklog(ctx.db.url) : undefined;
  const traffic = await run();
  const indexBacklogMax = await backlog?.stop();
  const s = server.stop();
  const d = db?.stop() ?? { cpuPct: 0, cpuSeconds: 0 };
  const walBytes = walFrom === undefined ? undefined : walPosition() - walFrom;
  return {
    traffic,
    cpuPct: s.cpuPct,
    dbCpuPct: d.cpuPct,
    cpuSeconds: s.cpuSeconds + d.cpuSeconds,
    walBytes,
    indexBacklogMax,
  };
}
