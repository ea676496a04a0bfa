// First load of the chat screen on the production build, Lighthouse-style.
//   npm run build && npm run perf:web
//   options: --runs N (5)  --profile desktop|mobile (repeatable; both)  --port P (3313)
//            --out FILE (JSON with every run)
// Each load is cold: a new browser context (empty cache, no service worker)
// signed in by cookie, so only the page itself is fetched and timed.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { stopChild, waitHealthy } from '../tests/support/child-server';
import { buildIsStale } from './lib/server';
import { measureLoad, type LoadResult, type Profile } from './lib/web-page';
import { seedChat, signInAs } from './lib/web-seed';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    profile: { type: 'string', multiple: true },
    port: { type: 'string', default: '3313' },
    out: { type: 'string' },
  },
});

const PROFILES: Record<string, Profile> = {
  desktop: { name: 'desktop', viewport: { width: 1350, height: 940 }, mobile: false },
  // Lighthouse's mobile "slow 4G" (150 ms RTT, 1.6 Mbps) as its DevTools
  // throttling applies it: latency × 3.75, throughput × 0.9; CPU 4× slower.
  mobile: {
    name: 'mobile',
    viewport: { width: 390, height: 844 },
    mobile: true,
    throttle: { latencyMs: 562.5, downKbps: 1474.56, upKbps: 675, cpuSlowdown: 4 },
  },
};

const runs = Number(values.runs);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const profiles = (values.profile ?? Object.keys(PROFILES)).map((name) => {
  const p = PROFILES[name];
  if (!p) throw new Error(`unknown profile ${name}; choose from ${Object.keys(PROFILES).join(', ')}`);
  return p;
});
const log = (line: string) => process.stdout.write(`${line}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const ROWS: Array<[string, keyof LoadResult, number]> = [
  ['Document response headers, TTFB (ms)', 'ttfbMs', 0],
  ['First Contentful Paint (ms)', 'fcpMs', 0],
  ['Largest Contentful Paint (ms)', 'lcpMs', 0],
  ['Total Blocking Time (ms)', 'tbtMs', 0],
  ['Cumulative Layout Shift', 'cls', 3],
  ['Chat list request sent (ms)', 'listRequestMs', 0],
  ['Chat list response in (ms)', 'listResponseMs', 0],
  ['First chat entry shown (ms)', 'readyMs', 0],
  ['Load event (ms)', 'loadMs', 0],
  ['JS transferred (KB)', 'jsKB', 1],
  ['JS decoded (KB)', 'jsDecodedKB', 1],
  ['Total transferred (KB)', 'totalKB', 1],
  ['Requests', 'requests', 0],
];

function table(results: Record<string, LoadResult[]>): string {
  const cell = (xs: number[], digits: number) =>
    `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  const names = Object.keys(results);
  const lines = [
    `| Median (min–max), N=${runs} | ${names.join(' | ')} |`,
    `| --- |${names.map(() => ' --- |').join('')}`,
  ];
  for (const [label, key, digits] of ROWS)
    lines.push(
      `| ${label} | ${names
        .map((n) =>
          cell(
            (results[n] ?? []).map((r) => r[key] as number),
            digits,
          ),
        )
        .join(' | ')} |`,
    );
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) {
    console.error('No production build: run `npm run build` first (.next/BUILD_ID is missing).');
    process.exit(2);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs takes a whole number of at least 1.');
    process.exit(2);
  }
  // Another server on the port would answer the health check and be measured instead.
  if (
    await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    )
  ) {
    console.error(`Something already listens on ${base}; pass --port.`);
    process.exit(2);
  }
  if (buildIsStale())
    log('warning: app/, components/ or lib/ changed after the last build; measuring the old build');

  const dataDir = mkdtempSync(join(tmpdir(), 'chat-perf-web-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    AUTH_REQUESTS_PER_MINUTE: '10000',
  };
  // The embedded database, whatever the shell points at.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // What `npm start` runs, without npm in between for the signals.
  const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  const stop = () => stopChild(server);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await waitHealthy(`${base}/api/health`, server, 120_000);
    const { me, peer } = await seedChat(base);
    const options = {
      url: `${base}/chat`,
      signIn: signInAs(base, me),
      ready: { selector: 'nav[aria-label="Chats"]', text: peer.name },
      listPath: '/api/v1/chat/sessions',
      quietMs: 2000,
      timeoutMs: 60_000,
    };
    const loadAtStart = loadavg();
    // The server's first render loads its route modules; that is not the browser's first load.
    await measureLoad(browser, PROFILES.desktop as Profile, options);
    const results: Record<string, LoadResult[]> = {};
    for (const profile of profiles) {
      const list: LoadResult[] = (results[profile.name] = []);
      for (let i = 0; i < runs; i++) {
        const r = await measureLoad(browser, profile, options);
        list.push(r);
        log(
          `${profile.name} #${i + 1}: FCP ${r.fcpMs.toFixed(0)} LCP ${r.lcpMs.toFixed(0)} ready ${r.readyMs.toFixed(0)} TBT ${r.tbtMs.toFixed(0)} ms, JS ${r.jsKB} KB`,
        );
      }
    }
    log(`\n${table(results)}\n`);
    const machine = {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: browser.version(),
      loadavgAtStart: loadAtStart,
      loadavgAtEnd: loadavg(),
    };
    log(
      `${machine.model} ×${machine.cpus}, Node ${machine.node}, Chromium ${machine.chromium}, load ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}`,
    );
    if (values.out) {
      const medians = Object.fromEntries(
        Object.entries(results).map(([name, list]) => [
          name,
          Object.fromEntries(ROWS.map(([, key]) => [key, median(list.map((r) => r[key] as number))])),
        ]),
      );
      const report = { date: new Date().toISOString(), runs, machine, profiles, medians, results };
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    }
  } finally {
    await browser?.close();
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
