import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { resolveAuthSecret } from './secret';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chat-secret-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('resolveAuthSecret in development', () => {
  it('writes a generated secret readable only by its owner, leaves no temporary file, and reuses it', async () => {
    const env = parseEnv({ DATA_DIR: dataDir });
    const first = await resolveAuthSecret(env);
    expect(first.generated).toBe(true);
    expect(await readdir(dataDir)).toEqual(['auth-secret']);
    expect(await readFile(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(first.secret);
    if (process.platform !== 'win32')
      expect((await stat(path.join(dataDir, 'auth-secret'))).mode & 0o777).toBe(0o600);
    expect((await resolveAuthSecret(env)).secret).toBe(first.secret);
  });

  it('removes the temporary file a stopped start left and replaces a short secret', async () => {
    await writeFile(path.join(dataDir, 'auth-secret.creating-999999999-aaaa'), 'half');
    await writeFile(path.join(dataDir, 'auth-secret'), 'short');
    const { secret } = await resolveAuthSecret(parseEnv({ DATA_DIR: dataDir }));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await readdir(dataDir)).toEqual(['auth-secret']);
  });
});
