// The type-level tests (types.check.ts) once more, against what an app gets:
// the declarations in sdk/dist, resolved through the package's exports. The
// root typecheck covers the sources; this catches a declaration the build
// leaves out or a type that decays to `any` on the way (a @ts-expect-error
// line that compiles is an error too).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the built type declarations', () => {
  it('reject wrong payloads, paths and bodies, and accept the right ones', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [tsc, '-p', 'sdk/tests/tsconfig.dist-types.json'],
      {
        encoding: 'utf8',
      },
    ).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
  });
});
