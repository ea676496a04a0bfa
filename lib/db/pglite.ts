import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Opens PGlite with the extensions the migrations create. `dataDir`
 * undefined means in memory.
 */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const db = new PGlite({ dataDir, extensions: { pg_trgm, btree_gin } });
  await db.waitReady;
  return db;
}
