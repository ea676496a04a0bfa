import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The first-start test takes minutes (18 first starts of PGlite). Vitest runs
// larger files first when it has no timings (a fresh clone, CI), which put
// this small file last, ending the PGlite pass alone on one worker for 3 to
// 4.5 minutes while the other sat idle. It starts first instead.
const FIRST = ['tests/first-start.test.ts'];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (spec: TestSpecification) => FIRST.some((name) => spec.moduleId.endsWith(name));
    return [...sorted.filter(first), ...sorted.filter((spec) => !first(spec))];
  }
}

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
          // of the project's CPU. tests/support/each-file.ts gives each file its
          // own process.env and fresh copies of this repository's modules.
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
