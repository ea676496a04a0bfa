// Load benchmark of the chat server against a bare Socket.IO relay.
//   npm run bench                      quick mode (< 3 minutes)
//   npm run bench -- --full            full scale
//   options: --out FILE  --db postgres|pglite  --scenario NAME (repeatable)
//            --no-build  --profile DIR (server CPU profile, see lib/profile-summary.ts)
//            --processes N (with REDIS_URL set: N server processes joined by Redis, default 2)
//            --rates 1000,2000 --step-seconds 10 --windows 3 (dm-storm's steps instead of
//            the mode's: each rate runs that many windows and reports their median;
//            noisy-neighbour: seconds per phase and rounds)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { registerUsers } from './lib/api';
import type { Context } from './lib/context';
import type { ScenarioReport } from './lib/report';
import { build, buildIsStale, createDatabase, psql, PG_ADMIN_URL, startBare, startOurs } from './lib/server';
import { dmStorm } from './scenarios/dm-storm';
import { groupFanout } from './scenarios/group-fanout';
import { historyAndSearch } from './scenarios/history';
import { idle } from './scenarios/idle';
import { noisyNeighbour } from './scenarios/noisy-neighbour';
import { realistic } from './scenarios/realistic';
import { roomIsolation } from './scenarios/room-isolation';
import { uploads } from './scenarios/upload';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    out: { type: 'string' },
    db: { type: 'string', default: 'postgres' },
    scenario: { type: 'string', multiple: true },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'string' },
    processes: { type: 'string', default: '2' },
    rates: { type: 'string' },
    'step-seconds': { type: 'string' },
    windows: { type: 'string' },
  },
});

const SCENARIOS: Record<string, (ctx: Context) => Promise<ScenarioReport | ScenarioReport[]>> = {
  'dm-storm': dmStorm,
  'group-fanout-50': (ctx) => groupFanout(ctx, 50),
  'group-fanout-500': (ctx) => groupFanout(ctx, 500),
  realistic,
  idle,
  history: historyAndSearch,
  'noisy-neighbour': noisyNeighbour,
  'room-isolation': roomIsolation,
  'upload-1mb': uploads,
};

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`${flag} takes positive whole numbers, not "${text}"`);
    process.exit(2);
  }
  return n;
}

const started = performance.now();
const log = (line: string) =>
  process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
const dbKind = values.db === 'pglite' ? 'pglite' : 'postgres';
// Several processes need a shared database: PGlite lives inside one process.
const redisUrl = dbKind === 'postgres' ? process.env.REDIS_URL : undefined;
const processes = redisUrl ? positive('--processes', values.processes) : 1;
const wanted = values.scenario?.map((s) =>
  s.startsWith('history') || s.startsWith('search') ? 'history' : s.startsWith('idle') ? 'idle' : s,
);
const selected = Object.keys(SCENARIOS).filter((name) => !wanted || wanted.includes(name));
if (wanted && selected.length === 0) {
  console.error(`unknown scenario; choose from ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}

// Checked before anything starts, so a typo does not leave servers behind.
const dmOptions = {
  dmRates: values.rates?.split(',').map((rate) => positive('--rates', rate)),
  stepSeconds: values['step-seconds'] === undefined ? undefined : positive('--step-seconds', values['step-seconds']),
  windows: values.windows === undefined ? undefined : positive('--windows', values.windows),
};

function machine() {
  const pgVersion = dbKind === 'postgres' ? psql(PG_ADMIN_URL, 'SHOW server_version') : undefined;
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${type()} ${release()}`,
    db: dbKind === 'postgres' ? `PostgreSQL ${pgVersion}` : 'PGlite',
    // The settings that shape write latency, as the server under test ran with
    // them; autovacuum too, which CI machines turn off.
    dbSettings:
      dbKind === 'postgres'
        ? psql(
            PG_ADMIN_URL,
            `SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
             WHERE name IN ('autovacuum', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'synchronous_commit', 'wal_compression')`,
          )
        : undefined,
    serverProcesses: processes,
    redis: redisUrl
      ? `yes (Socket.IO Redis adapter: ${process.env.REDIS_ADAPTER ?? 'sharded'}; presence and limits in Redis)`
      : 'no',
  };
}

const loadAtStart = loadavg();

/** Written after every scenario, so a run cut short still leaves its figures. */
function write(scenarios: ScenarioReport[]): void {
  if (!values.out) return;
  const report = {
    mode: values.full ? 'full' : 'quick',
    date: new Date().toISOString(),
    command: process.argv.slice(2).join(' '),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    machine: { ...machine(), loadavgAtStart: loadAtStart, loadavgAtEnd: loadavg() },
    scenarios,
  };
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<void> {
  if (!values['no-build'] && buildIsStale()) log(`built in ${Math.round(build() / 1000)} s`);
  else log('build is up to date (or --no-build): not rebuilding');
  const db = await createDatabase(dbKind);
  const cleanup: Array<() => Promise<void> | void> = [() => db.drop()];
  const scenarios: ScenarioReport[] = [];
  try {
    const ours = await startOurs(db, { cpuProfDir: values.profile, redisUrl, processes });
    cleanup.unshift(ours.stop);
    const bare = await startBare();
    cleanup.unshift(bare.stop);
    log(`ours at ${ours.urls.join(' ')} (pid ${ours.pids.join(' ')}, ${dbKind}${redisUrl ? ', Redis' : ''}), bare at ${bare.url}`);
    // noisy-neighbour and room-isolation make their own users on servers of their own.
    const ownServers = ['noisy-neighbour', 'room-isolation'];
    const userCount = selected.every((name) => ownServers.includes(name)) ? 0 : values.full ? 5000 : 500;
    const users = await registerUsers(ours.url, userCount);
    if (userCount > 0) log(`registered ${users.length} users`);
    const ctx: Context = {
      full: values.full,
      ours,
      bare,
      db,
      users,
      workers: 2,
      ...dmOptions,
      log,
    };
    for (const name of selected) {
      log(`scenario ${name}`);
      try {
        const result = await SCENARIOS[name]!(ctx);
        scenarios.push(...(Array.isArray(result) ? result : [result]));
        write(scenarios);
      } catch (error) {
        log(`  ${name} failed: ${(error as Error).message} ${String((error as Error).cause ?? '')}`);
        scenarios.push({
          name,
          scale: '',
          target: '',
          met: false,
          ours: { error: (error as Error).message },
        });
      }
    }
  } finally {
    for (const step of cleanup)
      await Promise.resolve(step()).catch((e: Error) => log(`cleanup: ${e.message}`));
  }
  for (const s of scenarios) {
    log(
      `${s.name}: ${s.met === undefined ? '' : s.met ? 'MET ' : 'MISSED '}ours ${JSON.stringify(s.ours)} ratio ${JSON.stringify(s.ratio ?? {})}`,
    );
  }
  write(scenarios);
  if (values.out) log(`wrote ${values.out}`);
  log('done');
}

await main();
process.exit(0);
