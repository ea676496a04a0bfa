import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env';
import { removeLeftovers, writeFileAtomic } from '../fs/atomic';
import { processSlot } from '../process-state';

const slot = processSlot<string>('authSecret');

/**
 * AUTH_SECRET when set. Without it, production refuses to start, and
 * development uses a random secret kept in DATA_DIR so sessions survive
 * restarts.
 */
export async function resolveAuthSecret(env: Env): Promise<{ secret: string; generated: boolean }> {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, generated: false };
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'AUTH_SECRET is not set: production needs a random secret of at least 32 characters (openssl rand -base64 32)',
    );
  }
  const file = path.resolve(env.DATA_DIR, 'auth-secret');
  await removeLeftovers(file);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return { secret: existing.trim(), generated: true };
  const secret = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  // Whole or not at all: a stop half-way must not leave a short secret behind.
  await writeFileAtomic(file, secret, 0o600);
  return { secret, generated: true };
}

export function setAuthSecret(secret: string): void {
  slot.set(secret);
}

export function authSecret(): string {
  const secret = slot.get();
  if (!secret) throw new Error('The auth secret is not set: start the app through server.ts');
  return secret;
}
