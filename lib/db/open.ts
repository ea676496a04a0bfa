// Opens the database the environment asks for (PostgreSQL when DATABASE_URL
// is set, otherwise PGlite under DATA_DIR), applies pending migrations, and
// returns it ready for use. Only server start-up and tests import this file.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import type { Database } from '../db';
import { PrismaClient } from '../generated/prisma/client';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { timedAdapter } from '../metrics/timed-adapter';
import { migrate, readMigrations, type MigrationConnection } from './migrate';
import { openPglite } from './pglite';
import { openDatabaseDir } from './pglite-dir';
import { claimPglite } from './pglite-owner';

export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Abandons the opening (closing what was opened) when aborted. */
  signal?: AbortSignal;
}

/**
 * Settings of the server's connections (docs/database.md); an `options`
 * parameter in DATABASE_URL wins over them. No parallel query: every
 * statement here is small and many run at once, and a search ranking 1,000
 * matches planned parallel took 48 ms against 13 ms serial.
 */
const SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';
/**
 * The prepared statements' connections (db/prepared.ts): one generic plan per
 * connection, and that plan on indexes whatever the tables' size when it
 * was made, since every row those statements touch is found by key.
 */
const HOT_OPTIONS = `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan -c enable_seqscan=off`;
/** Batches written at once (store/send-queue.ts). */
const HOT_CONNECTIONS = 4;
/**
 * The history page, unread count and mark read: a pool of their own, so a
 * burst of reads never makes a send batch wait for a connection.
 */
const HOT_REQUEST_CONNECTIONS = 8;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const migrations = await readMigrations();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      options: SESSION_OPTIONS,
    });
    const client = await pool.connect();
    try {
      await migrate(pgConnection(client), migrations, options.signal);
    } catch (error) {
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    const hotPool = hotConnections(options.databaseUrl, HOT_CONNECTIONS, 'send-batch');
    const hotRequestPool = hotConnections(options.databaseUrl, HOT_REQUEST_CONNECTIONS, 'prepared-statement');
    const prisma = new PrismaClient({ adapter: timedAdapter(new PrismaPg(pool)) });
    metrics().sources.pool = () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    });
    return {
      prisma,
      kind: 'postgres',
      hotPool,
      hotRequestPool,
      ping: async () => void (await pool.query('SELECT 1')),
      close: async () => {
        metrics().sources.pool = undefined;
        await prisma.$disconnect();
        await Promise.all([pool.end(), hotPool.end(), hotRequestPool.end()]);
      },
    };
  }

  const lite = await openDatabaseDir(
    path.resolve(options.dataDir, 'pglite'),
    {
      open: openPglite,
      migrate: async (db, signal) => {
        await migrate(
          {
            exec: async (sql) => void (await db.exec(sql)),
            query: async <T>(sql: string, params: unknown[]) => (await db.query<T>(sql, params)).rows,
          },
          migrations,
          signal,
        );
      },
      close: (db) => db.close(),
    },
    options.signal,
  );
  const release = await claimPglite(options.dataDir).catch(async (error: unknown) => {
    await lite.close();
    throw error;
  });
  const prisma = new PrismaClient({ adapter: timedAdapter(new PrismaPGlite(lite)) });
  return {
    prisma,
    kind: 'pglite',
    ping: async () => void (await lite.query('SELECT 1')),
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
      await release();
    },
  };
}

function pgConnection(client: pg.PoolClient): MigrationConnection {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

function hotConnections(connectionString: string, max: number, what: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, options: HOT_OPTIONS });
  // An idle connection PostgreSQL closed (a restart, an administrator's
  // pg_terminate_backend) is dropped and replaced on the next statement;
  // without a listener the pool's error event is an uncaught exception.
  pool.on('error', (err) => logger().warn({ err }, `an idle ${what} connection to PostgreSQL closed`));
  return pool;
}
