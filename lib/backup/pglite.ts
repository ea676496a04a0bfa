// The embedded database in a backup: PGlite's own dump of its data
// directory (dumpDataDir, a tar), loaded back with loadDataDir. Both hold the
// whole database in memory once.
import { openAsBlob } from 'node:fs';
import { access, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openPglite } from '../db/pglite';
import { COMPLETE_MARKER, markComplete } from '../db/pglite-dir';
import { pgliteOwner } from '../db/pglite-owner';
import { BackupRefused } from './archive';

export const pgliteDir = (dataDir: string) => path.resolve(dataDir, 'pglite');

/** Refuses while a server (or any other process) has the embedded database open. */
export async function assertPgliteIdle(dataDir: string): Promise<void> {
  const pid = await pgliteOwner(dataDir);
  if (pid !== undefined)
    throw new BackupRefused(
      `process ${pid} is using ${pgliteDir(dataDir)}: stop the server first (the embedded database allows one process). ` +
        `If no server is running, remove ${path.resolve(dataDir, 'pglite.pid')}.`,
    );
}

/** Dumps the database into `file`; returns its last applied migration. */
export async function dumpPglite(dataDir: string, file: string): Promise<string> {
  // Opening a directory that holds no database would create one.
  await access(path.join(pgliteDir(dataDir), COMPLETE_MARKER)).catch(() => {
    throw new Error(`there is no database in ${pgliteDir(dataDir)} (is DATA_DIR right?)`);
  });
  const db = await openPglite(pgliteDir(dataDir));
  try {
    const migration = await lastMigration(db);
    const dump = await db.dumpDataDir('none');
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
    return migration;
  } finally {
    await db.close();
  }
}

/**
 * Loads a dump into the new directory `dir` and checks it opens at
 * `migration`; the directory is then marked complete like a new database
 * (lib/db/pglite-dir.ts). Removed again when anything fails.
 */
export async function loadPglite(file: string, dir: string, migration: string): Promise<void> {
  try {
    const db = new PGlite({
      dataDir: dir,
      loadDataDir: await openAsBlob(file),
      extensions: { pg_trgm, btree_gin },
    });
    try {
      await db.waitReady;
      const found = await lastMigration(db);
      if (found !== migration)
        throw new BackupRefused(`the database dump is at migration ${found}, its manifest says ${migration}`);
    } finally {
      await db.close();
    }
    await markComplete(dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`its database does not load (${(error as Error).message})`, { cause: error });
  }
}

async function lastMigration(db: PGlite): Promise<string> {
  const { rows } = await db.query<{ name: string | null }>(
    `SELECT max(migration_name) AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const name = rows[0]?.name;
  if (!name) throw new Error('the database has no applied migrations');
  return name;
}
