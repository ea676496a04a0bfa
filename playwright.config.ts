// End-to-end journeys against the production build (npm run build first).
// Chromium comes from Debian (/usr/bin/chromium): `npx playwright install`
// cannot reach its download host from here.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN_EMAIL } from './e2e/admin';
import { pushServerEnv } from './e2e/push-env';
import { ensureToneWav } from './e2e/microphone';
import { RAISED_LIMITS } from './tests/support/limits';

const CI = Boolean(process.env.CI);
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const artifacts = path.join(import.meta.dirname, 'e2e', 'artifacts');

// Playwright loads this file again in every worker; the workers inherit the
// run id from the runner, so only the runner picks one and sweeps the data
// directories left by earlier runs.
if (!process.env.E2E_RUN_ID) {
  process.env.E2E_RUN_ID = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  mkdirSync(artifacts, { recursive: true });
  for (const entry of readdirSync(artifacts, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    if (entry.name.startsWith('data-'))
      rmSync(path.join(artifacts, entry.name), { recursive: true, force: true });
  }
}
const dataDir = path.join(artifacts, `data-${process.env.E2E_RUN_ID}`);
// The fake microphone plays this (made here, not committed) to every page that records.
const microphone = ensureToneWav(path.join(artifacts, 'microphone-tone.wav'));

export default defineConfig({
  testDir: 'e2e',
  outputDir: path.join(artifacts, 'test-results'),
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores run the server, the browser and the runner.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Voice messages: a fake microphone that needs no permission prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-audio-capture=${microphone}`,
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npm start',
    url: `${baseURL}/api/health`,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // Production refuses to start without a secret; a fresh one per run is enough.
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Every browser in the run signs up from 127.0.0.1, and the journeys
      // seed long histories through the API faster than a person sends.
      ...RAISED_LIMITS,
      ADMIN_EMAILS: ADMIN_EMAIL,
      ...pushServerEnv(),
      // The media journeys send a file just over this rather than one over the 25 MB default.
      UPLOAD_MAX_BYTES: String(2 * 1024 * 1024),
      // The disappearing-messages journey watches a message go after 5 seconds.
      DISAPPEARING_TIMERS: '5,86400,604800,7776000',
      DISAPPEARING_SWEEP_SECONDS: '1',
      // The account-deletion journey watches an account erased at once.
      ACCOUNT_DELETION_GRACE_DAYS: '0',
      ACCOUNT_ERASURE_SWEEP_SECONDS: '1',
    },
    reuseExistingServer: !CI,
    timeout: 120_000,
    // SIGTERM lets the server close the database before the process goes away.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
