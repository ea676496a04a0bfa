import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { generateVapidKeys, resolvePushConfig } from './config';

const keys = generateVapidKeys();

describe('push configuration', () => {
  it('keeps a generated key pair in DATA_DIR outside production', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vapid-'));
    const first = await resolvePushConfig(parseEnv({ DATA_DIR: dataDir }));
    const again = await resolvePushConfig(parseEnv({ DATA_DIR: dataDir, NODE_ENV: 'test' }));
    expect(first).toMatchObject({ enabled: true, generated: true });
    expect(again).toEqual(first);
    if (!first.enabled) throw new Error('push should be on');
    expect(Buffer.from(first.vapid.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.vapid.privateKey, 'base64url')).toHaveLength(32);
    expect(statSync(path.join(dataDir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace a key pair file it cannot read', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vapid-'));
    writeFileSync(path.join(dataDir, 'vapid-keys.json'), '{"publicKey":');
    await expect(resolvePushConfig(parseEnv({ DATA_DIR: dataDir }))).rejects.toThrow(/holds no VAPID key pair/);
  });

  it('is off in production without keys, and refuses PUSH_ENABLED=true or a missing subject there', async () => {
    expect(await resolvePushConfig(parseEnv({ NODE_ENV: 'production' }))).toEqual({
      enabled: false,
      reason: 'no VAPID keys are set',
    });
    await expect(
      resolvePushConfig(parseEnv({ NODE_ENV: 'production', PUSH_ENABLED: 'true' })),
    ).rejects.toThrow(/PUSH_ENABLED=true needs VAPID_PUBLIC_KEY/);
    const withKeys = {
      NODE_ENV: 'production',
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
    };
    await expect(resolvePushConfig(parseEnv(withKeys))).rejects.toThrow(/VAPID_SUBJECT/);
    expect(
      await resolvePushConfig(parseEnv({ ...withKeys, VAPID_SUBJECT: 'mailto:ops@example.com' })),
    ).toMatchObject({
      enabled: true,
      generated: false,
      vapid: { ...keys, subject: 'mailto:ops@example.com' },
    });
    expect(await resolvePushConfig(parseEnv({ ...withKeys, PUSH_ENABLED: 'false' }))).toMatchObject({
      enabled: false,
    });
  });

  it('names a bad push setting in one line', () => {
    expect(() => parseEnv({ VAPID_PUBLIC_KEY: keys.privateKey, VAPID_PRIVATE_KEY: keys.privateKey })).toThrow(
      /VAPID_PUBLIC_KEY must be an uncompressed P-256 public key/,
    );
    expect(() => parseEnv({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/go together/);
    expect(() => parseEnv({ VAPID_SUBJECT: 'ops@example.com' })).toThrow(/VAPID_SUBJECT must be a mailto/);
    expect(() => parseEnv({ PUSH_ALLOWED_HOSTS: 'https://fcm.googleapis.com' })).toThrow(
      /PUSH_ALLOWED_HOSTS/,
    );
    expect(() => parseEnv({ PUSH_TEST_CA_FILE: '/tmp/ca.pem' })).toThrow(/tests only/);
    expect(parseEnv({ PUSH_ALLOWED_HOSTS: ' *.Example.com, 127.0.0.1 ' }).PUSH_ALLOWED_HOSTS).toEqual([
      '*.example.com',
      '127.0.0.1',
    ]);
  });
});
