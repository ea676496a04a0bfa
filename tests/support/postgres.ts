// Databases for servers under test: a fresh PostgreSQL database, or a
// fresh DATA_DIR for the embedded one, each dropped afterwards.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The maintenance database, for creating and dropping the tests' own databases. */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  adminUrl = ADMIN_URL,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database for one test server or cluster; `drop` removes it even while connected. */
export async function createTestDatabase(
  prefix: string,
  adminUrl = ADMIN_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`, adminUrl);
  return {
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl).then(() => undefined),
  };
}

export interface ServerDatabase {
  kind: 'pglite' | 'postgres';
  /** DATA_DIR, and DATABASE_URL for PostgreSQL: what a server needs to use it. */
  env: { DATA_DIR: string; DATABASE_URL?: string };
  /** The PostgreSQL connection string. */
  url?: string;
  /** Drops the database and removes the data directory. */
  drop(): Promise<void>;
}

/** Everything one server needs for its data: a DATA_DIR, and on PostgreSQL a database of its own. */
export async function createServerDatabase(
  kind: 'pglite' | 'postgres',
  prefix = 'chat_test',
  adminUrl = ADMIN_URL,
  { migrated = false }: { migrated?: boolean } = {},
): Promise<ServerDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  const database = kind === 'postgres' ? await createTestDatabase(prefix, adminUrl) : undefined;
  // `migrated`: a copy of the embedded database the integration tests'
  // global setup migrated, where there is one, so the server need not
  // migrate its own; otherwise DATA_DIR starts empty.
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (kind === 'pglite' && migrated && template) {
    await cp(template, path.join(dataDir, 'pglite'), { recursive: true });
  }
  return {
    kind,
    env: { DATA_DIR: dataDir, ...(database && { DATABASE_URL: database.url }) },
    url: database?.url,
    drop: async () => {
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
