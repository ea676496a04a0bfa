import type { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type MigrationConnection } from './migrate';
import { openPglite } from './pglite';

const MIGRATIONS = [
  { name: '1_first', sql: 'CREATE TABLE first (id int)' },
  { name: '2_second', sql: 'CREATE TABLE second (id int)' },
];

describe('migrate', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await openPglite(undefined);
  });
  afterEach(() => db.close());

  /** A connection to `db` that runs `after` once a statement containing `sql` has run. */
  function connection(sql?: string, after?: () => void): MigrationConnection {
    return {
      exec: async (text) => {
        await db.exec(text);
        if (sql && text.includes(sql)) after?.();
      },
      query: async <T>(text: string, params: unknown[]) => (await db.query<T>(text, params)).rows,
    };
  }
  const applied = async () =>
    (await db.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1')).rows.map(
      (r) => r.migration_name,
    );

  it('applies the pending migrations once, in order', async () => {
    expect(await migrate(connection(), MIGRATIONS)).toEqual(['1_first', '2_second']);
    expect(await migrate(connection(), MIGRATIONS)).toEqual([]);
    expect(await applied()).toEqual(['1_first', '2_second']);
  });

  it('stops before the next migration when aborted, keeping the ones it finished', async () => {
    const stop = new AbortController();
    await expect(migrate(connection('CREATE TABLE first', () => stop.abort()), MIGRATIONS, stop.signal)).rejects.toThrow(
      /abort/i,
    );
    expect(await applied()).toEqual(['1_first']);
    expect((await db.query("SELECT to_regclass('second') AS t")).rows).toEqual([{ t: null }]);
    // The next start finishes the job.
    expect(await migrate(connection(), MIGRATIONS)).toEqual(['2_second']);
  });
});
