// Applies prisma/migrations/*/migration.sql in order and records each in
// _prisma_migrations exactly as Prisma Migrate does, so a later
// `prisma migrate deploy` (where the native engine exists) sees them as applied.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export interface MigrationOnDisk {
  name: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationOnDisk[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      sql: await readFile(path.join(dir, name, 'migration.sql'), 'utf8'),
    })),
  );
}

/** The raw connection a migration runs on: simple-protocol SQL, several statements allowed. */
export interface MigrationConnection {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same in every process.
const ADVISORY_LOCK = 72707369;

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies the pending migrations, each in a transaction of its own; returns
 * the names applied. An abort stops it before the next migration.
 */
export async function migrate(
  conn: MigrationConnection,
  migrations: MigrationOnDisk[],
  signal?: AbortSignal,
): Promise<string[]> {
  // Several processes may start at once against one PostgreSQL.
  await conn.exec(`SELECT pg_advisory_lock(${ADVISORY_LOCK})`);
  try {
    await conn.exec(CREATE_TABLE);
    const rows = await conn.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [],
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const known = applied.get(m.name);
      if (known !== undefined) {
        if (known !== checksum(m.sql)) {
          throw new Error(`Migration ${m.name} was changed after it was applied`);
        }
        continue;
      }
      signal?.throwIfAborted();
      await conn.exec('BEGIN');
      try {
        await conn.exec(m.sql);
        await conn.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), checksum(m.sql), m.name],
        );
        await conn.exec('COMMIT');
      } catch (error) {
        await conn.exec('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await conn.exec(`SELECT pg_advisory_unlock(${ADVISORY_LOCK})`);
  }
}
