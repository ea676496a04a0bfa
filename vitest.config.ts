import path from 'node:path';
import { defineConfig } from 'vitest/config';
import SlowFirst from './tests/support/sequencer';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'sdk/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/support/global-setup.ts'],
          // A worker's files share its process: importing the server's
          // modules once per worker, not once per file, saves about a third
          // of the project's CPU. tests/support/each-file.ts resets process.env.
          isolate: false,
          setupFiles: ['tests/support/each-file.ts'],
        },
      },
      {
        // @chat/sdk as an app imports it (sdk/dist), against server processes
        // on PostgreSQL that the tests restart and kill.
        extends: true,
        test: {
          name: 'sdk',
          include: ['sdk/tests/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['sdk/tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
