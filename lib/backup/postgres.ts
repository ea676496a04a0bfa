// PostgreSQL in a backup: pg_dump's custom format, restored with
// pg_restore. Both must be on PATH, of the server's major version or newer
// (Debian: postgresql-client-<major>). The dump is a consistent snapshot, so
// a backup may run while servers are up; a restore may not.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { childProcessEnv } from '../env';
import { BackupRefused } from './archive';

/** The connection for libpq's tools, by environment: the password never shows in a process list. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const vars: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname) || 'localhost',
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  if (u.username) vars.PGUSER = decodeURIComponent(u.username);
  if (u.password) vars.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) vars.PGSSLMODE = sslmode;
  return childProcessEnv(vars);
}

function run(command: string, args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: libpqEnv(url), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${command} was not found on PATH: install PostgreSQL's client tools (postgresql-client)`,
            )
          : error,
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dumpPostgres(url: string, file: string): Promise<string> {
  const migration = await withClient(url, lastMigration);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], url);
  return migration;
}

/** Refuses while other sessions use the database, or when it holds tables and `replace` was not asked. */
export async function assertPostgresRestorable(url: string, replace: boolean): Promise<void> {
  await withClient(url, async (client) => {
    const others = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const busy = others.rows[0]?.n ?? 0;
    if (busy > 0)
      throw new BackupRefused(
        `${busy} other session(s) are connected to the database: stop every server first`,
      );
    const tables = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (!replace && (tables.rows[0]?.n ?? 0) > 0)
      throw new BackupRefused('the database is not empty: restore into a new database, or pass --replace');
  });
}

/** Checks the dump is an archive pg_restore can read, before anything is changed. */
export async function checkPostgresDump(url: string, file: string): Promise<void> {
  await run('pg_restore', ['--list', file], url).catch((error: Error) => {
    throw new BackupRefused(`its database dump is unreadable (${error.message})`, { cause: error });
  });
}

/** Restores in one transaction: it either all lands or the database is left as it was. */
export async function restorePostgres(url: string, file: string, replace: boolean): Promise<void> {
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
  if (replace) args.push('--clean', '--if-exists');
  await run(
    'pg_restore',
    [...args, `--dbname=${decodeURIComponent(new URL(url).pathname.slice(1))}`, file],
    url,
  );
}

async function lastMigration(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ name: string | null }>(
    `SELECT max(migration_name) AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const name = rows[0]?.name;
  if (!name) throw new Error('the database has no applied migrations');
  return name;
}
