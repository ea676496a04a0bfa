// The one shared Prisma client. It is opened by the server at start
// (lib/db/open.ts) and kept in the process's shared state, because Next
// bundles route handlers separately from server.ts and a second PGlite on
// the same data directory would corrupt it.
import type pg from 'pg';
import type { PrismaClient } from './generated/prisma/client';
import { processSlot } from './process-state';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the send batch's own connections, where it runs as a prepared statement (db/prepared.ts). */
  hotPool?: pg.Pool;
  /** PostgreSQL only: the other prepared statements' connections (history page, unread, mark read). */
  hotRequestPool?: pg.Pool;
  /** Liveness probe for /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const slot = processSlot<Database>('database');

export function setDatabase(database: Database | undefined): void {
  slot.set(database);
}

export function database(): Database {
  const current = slot.get();
  if (!current) throw new Error('The database is not open: start the app through server.ts');
  return current;
}

export function db(): PrismaClient {
  return database().prisma;
}
