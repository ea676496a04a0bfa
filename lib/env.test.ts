import { describe, expect, it } from 'vitest';
import { parseEnv, trustedOrigins } from './env';

describe('parseEnv', () => {
  it('fills in defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './data', NODE_ENV: 'development' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ALLOWED_ORIGINS).toEqual([]);
  });

  it('names the variable in one readable line when a value is invalid', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32/);
    expect(() => parseEnv({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => parseEnv({ SOCKET_RECOVERY_SECONDS: '-1' })).toThrow(/SOCKET_RECOVERY_SECONDS/);
    expect(() => parseEnv({ SOCKET_RECOVERY_SECONDS: '7200' })).toThrow(/SOCKET_RECOVERY_SECONDS/);
    expect(() => parseEnv({ REDIS_STREAM_MAX_LEN: '10' })).toThrow(/REDIS_STREAM_MAX_LEN/);
  });

  it('reads the upload limits and the S3 settings', () => {
    const defaults = parseEnv({});
    expect(defaults).toMatchObject({
      UPLOAD_MAX_BYTES: 25 * 1024 * 1024,
      VOICE_MAX_SECONDS: 300,
      S3_PREFIX: '',
    });
    expect(defaults.S3_BUCKET).toBeUndefined();
    const s3 = parseEnv({
      S3_BUCKET: 'media',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PREFIX: 'chat/media/',
    });
    expect(s3).toMatchObject({ S3_FORCE_PATH_STYLE: true, S3_REGION: 'us-east-1', S3_PREFIX: 'chat/media/' });
    expect(() => parseEnv({ UPLOAD_MAX_BYTES: '0' })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => parseEnv({ S3_ACCESS_KEY_ID: 'key' })).toThrow(
      /S3_SECRET_ACCESS_KEY and S3_ACCESS_KEY_ID go together/,
    );
    expect(() => parseEnv({ S3_PREFIX: '../x/' })).toThrow(/S3_PREFIX/);
    expect(() => parseEnv({ S3_PREFIX: 'chat' })).toThrow(/S3_PREFIX/);
    expect(() => parseEnv({ S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });

  it('splits ALLOWED_ORIGINS on commas', () => {
    expect(parseEnv({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).ALLOWED_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});

describe('trustedOrigins', () => {
  it('adds the origin of PUBLIC_URL to ALLOWED_ORIGINS', () => {
    expect(trustedOrigins(parseEnv({ PUBLIC_URL: 'https://chat.example.com/app' }))).toEqual(['https://chat.example.com']);
    expect(trustedOrigins(parseEnv({ ALLOWED_ORIGINS: 'https://a.example' }))).toEqual(['https://a.example']);
  });
});
