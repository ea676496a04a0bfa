// The one shared Prisma client. It is opened by the server at start
// (lib/db/open.ts) and kept on globalThis, because Next bundles route
// handlers separately from server.ts and a second PGlite on the same data
// directory would corrupt it.
import type { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Liveness probe for /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const key = Symbol.for('chat.database');
const store = globalThis as { [key]?: Database };

export function setDatabase(database: Database | undefined): void {
  store[key] = database;
}

export function database(): Database {
  const current = store[key];
  if (!current) throw new Error('The database is not open: start the app through server.ts');
  return current;
}

export function db(): PrismaClient {
  return database().prisma;
}
