// npm run db:backup -- FILE: the database (PGlite's dump or pg_dump) and
// the local media directory into one file (lib/backup/archive.ts).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Env } from '../env';
import { DATABASE_MEMBER, FORMAT, FORMAT_VERSION, writeArchive, type Backend } from './archive';
import { assertPgliteIdle, dumpPglite } from './pglite';
import { dumpPostgres } from './postgres';

export interface BackupSummary {
  backend: Backend;
  migration: string;
  mediaFiles: number;
}

export async function createBackup(env: Env, file: string): Promise<BackupSummary> {
  const backend: Backend = env.DATABASE_URL ? 'postgres' : 'pglite';
  if (backend === 'pglite') await assertPgliteIdle(env.DATA_DIR);
  const work = await mkdtemp(path.join(tmpdir(), 'chat-backup-'));
  const archive = writeArchive(path.resolve(file));
  try {
    const dump = path.join(work, 'database');
    const migration = env.DATABASE_URL
      ? await dumpPostgres(env.DATABASE_URL, dump)
      : await dumpPglite(env.DATA_DIR, dump);
    await archive.add(DATABASE_MEMBER[backend], dump);
    await rm(dump);
    // After the database: a file uploaded meanwhile is one no message of the dump refers to.
    const keys = env.S3_BUCKET ? [] : await mediaKeys(path.resolve(env.DATA_DIR, 'media'));
    for (const key of keys) await archive.add(`media/${key}`, path.resolve(env.DATA_DIR, 'media', key));
    await archive.finish({
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      backend,
      migration,
      media: env.S3_BUCKET ? 's3' : 'local',
    });
    return { backend, migration, mediaFiles: keys.length };
  } catch (error) {
    await archive.abort();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The media files' keys (`ab/<32 hex>`); half-written uploads (.tmp) are not media. */
export async function mediaKeys(root: string): Promise<string[]> {
  const keys: string[] = [];
  const shards = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const shard of shards.filter((s) => /^[0-9a-f]{2}$/.test(s)).sort()) {
    const names = await readdir(path.join(root, shard));
    keys.push(
      ...names
        .filter((n) => /^[0-9a-f]{32}$/.test(n))
        .sort()
        .map((n) => `${shard}/${n}`),
    );
  }
  return keys;
}
