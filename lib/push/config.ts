// Whether this server sends Web Push, and with which VAPID key pair. The keys
// come from the environment; in development and tests they are generated once
// and kept in DATA_DIR (like the auth secret), so browsers' subscriptions,
// which are bound to the public key, survive restarts.
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env';
import { removeLeftovers, writeFileAtomic } from '../fs/atomic';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url: what browsers take as applicationServerKey. */
  publicKey: string;
  /** The private scalar, base64url. */
  privateKey: string;
  subject: string;
}

export type PushConfig =
  { enabled: true; vapid: VapidKeys; generated: boolean } | { enabled: false; reason: string };

/** Used only where no VAPID_SUBJECT is set outside production. */
const DEVELOPMENT_SUBJECT = 'mailto:push@example.com';

export async function resolvePushConfig(env: Env): Promise<PushConfig> {
  if (env.PUSH_ENABLED === false) return { enabled: false, reason: 'PUSH_ENABLED=false' };
  const production = env.NODE_ENV === 'production';
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    if (production && !env.VAPID_SUBJECT)
      throw new Error(
        'VAPID_SUBJECT is not set: push services need a mailto: address or https: URL to reach you',
      );
    const subject = env.VAPID_SUBJECT ?? fallbackSubject(env);
    return {
      enabled: true,
      vapid: { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject },
      generated: false,
    };
  }
  if (production) {
    if (env.PUSH_ENABLED === true)
      throw new Error(
        'PUSH_ENABLED=true needs VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT in production (npx web-push generate-vapid-keys)',
      );
    return { enabled: false, reason: 'no VAPID keys are set' };
  }
  const keys = await keptKeys(env.DATA_DIR);
  return {
    enabled: true,
    vapid: { ...keys, subject: env.VAPID_SUBJECT ?? fallbackSubject(env) },
    generated: true,
  };
}

function fallbackSubject(env: Env): string {
  return env.PUBLIC_URL?.startsWith('https:') ? new URL(env.PUBLIC_URL).origin : DEVELOPMENT_SUBJECT;
}

/** The key pair kept in DATA_DIR/vapid-keys.json, made on first use. */
async function keptKeys(dataDir: string): Promise<Omit<VapidKeys, 'subject'>> {
  const file = path.resolve(dataDir, 'vapid-keys.json');
  await removeLeftovers(file);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing) {
    let parsed: Partial<VapidKeys> = {};
    try {
      parsed = JSON.parse(existing) as Partial<VapidKeys>;
    } catch {
      // Written whole or not at all, so only a hand edit gets here; a new pair would orphan every subscription.
    }
    if (!parsed.publicKey || !parsed.privateKey)
      throw new Error(
        `${file} holds no VAPID key pair: restore it, or remove it to make a new one (browsers then subscribe again)`,
      );
    return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
  }
  const keys = generateVapidKeys();
  await mkdir(path.dirname(file), { recursive: true });
  // Whole or not at all: a half-written pair would break every subscription made with it.
  await writeFileAtomic(file, JSON.stringify(keys), 0o600);
  return keys;
}

/** A fresh P-256 key pair in the encoding VAPID uses. */
export function generateVapidKeys(): Omit<VapidKeys, 'subject'> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  return {
    publicKey: Buffer.concat([Buffer.from([4]), x, y]).toString('base64url'),
    privateKey: jwk.d ?? '',
  };
}
