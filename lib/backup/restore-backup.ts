// npm run db:restore -- FILE [--replace]. Every check comes before the first
// change: the target is idle (and empty, unless --replace), and the whole
// file is unpacked into a staging directory beside DATA_DIR and matched
// against its manifest and this deployment. Only then is the database put in
// place; what it replaces is moved aside (PGlite, media) or dropped inside
// the restoring transaction (PostgreSQL), never deleted outright.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { removeLeftovers, syncPath, tempSibling } from '../fs/atomic';
import { readMigrations } from '../db/migrate';
import type { Env } from '../env';
import { BackupRefused, DATABASE_MEMBER, readArchive, type Backend, type Manifest } from './archive';
import { assertPgliteIdle, loadPglite, pgliteDir } from './pglite';
import { assertPostgresRestorable, checkPostgresDump, restorePostgres } from './postgres';

export interface RestoreSummary {
  backend: Backend;
  migration: string;
  mediaFiles: number;
  /** Where what was there before went (with --replace). */
  movedAside: string[];
}

export async function restoreBackup(
  env: Env,
  file: string,
  options: { replace: boolean },
): Promise<RestoreSummary> {
  const backend: Backend = env.DATABASE_URL ? 'postgres' : 'pglite';
  const dataDir = path.resolve(env.DATA_DIR);
  const mediaDir = path.join(dataDir, 'media');
  await stat(file).catch(() => {
    throw new BackupRefused(`${file} does not exist`);
  });
  if (env.DATABASE_URL) await assertPostgresRestorable(env.DATABASE_URL, options.replace);
  else {
    await assertPgliteIdle(dataDir);
    if (!options.replace && (await exists(pgliteDir(dataDir))))
      throw new BackupRefused(
        `${pgliteDir(dataDir)} already holds a database: pass --replace to move it aside`,
      );
  }
  if (!env.S3_BUCKET && !options.replace && (await hasEntries(mediaDir)))
    throw new BackupRefused(`${mediaDir} already holds media: pass --replace to move it aside`);

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const stagingName = path.join(dataDir, 'restore');
  await removeLeftovers(stagingName);
  const staging = tempSibling(stagingName);
  try {
    const manifest = await readArchive(file, staging);
    await checkFits(manifest, backend, env);
    const dump = path.join(staging, DATABASE_MEMBER[backend]);
    const movedAside: string[] = [];
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (env.DATABASE_URL) {
      await checkPostgresDump(env.DATABASE_URL, dump);
      await restorePostgres(env.DATABASE_URL, dump, options.replace);
    } else {
      const target = pgliteDir(dataDir);
      await removeLeftovers(target);
      const loaded = tempSibling(target);
      await loadPglite(dump, loaded, manifest.migration);
      if (await exists(target)) movedAside.push(await moveAside(target, stamp));
      await rename(loaded, target);
      await syncPath(dataDir);
    }
    const stagedMedia = path.join(staging, 'media');
    const mediaFiles = manifest.members.filter((m) => m.name.startsWith('media/')).length;
    if (manifest.media === 'local' && mediaFiles > 0) {
      if (await exists(mediaDir)) movedAside.push(await moveAside(mediaDir, stamp));
      await rename(stagedMedia, mediaDir);
      await syncPath(dataDir);
    }
    return { backend, migration: manifest.migration, mediaFiles, movedAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Refuses a backup of another kind of deployment, or of a newer version of this one. */
async function checkFits(manifest: Manifest, backend: Backend, env: Env): Promise<void> {
  if (manifest.backend !== backend)
    throw new BackupRefused(
      `it is a backup of ${manifest.backend === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL'}, ` +
        `and this deployment uses ${backend === 'pglite' ? 'the embedded database (no DATABASE_URL)' : 'PostgreSQL (DATABASE_URL)'}`,
    );
  const known = (await readMigrations()).map((m) => m.name);
  if (!known.includes(manifest.migration))
    throw new BackupRefused(
      `its database is at migration ${manifest.migration}, which this version does not know: restore it with the version that made it`,
    );
  const hasMedia = manifest.members.some((m) => m.name.startsWith('media/'));
  if (hasMedia && env.S3_BUCKET)
    throw new BackupRefused('it holds media files for a local media directory, and S3_BUCKET is set');
}

async function moveAside(dir: string, stamp: string): Promise<string> {
  const aside = `${dir}.before-restore-${stamp}`;
  await rename(dir, aside);
  return aside;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function hasEntries(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.some((n) => n !== '.tmp');
}
