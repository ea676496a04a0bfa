// The hot path's statements on PostgreSQL go to the driver directly, as
// named prepared statements with one generic plan per connection, on
// connections of their own (lib/db/open.ts: plan_cache_mode=force_generic_plan,
// and enable_seqscan=off so that a plan made while the tables were small
// still finds rows by key once they are large). PostgreSQL parses and plans
// each statement once per connection instead of on every call: for the send
// batch, a large CTE that one or two messages barely use, that cut the
// backend's CPU per statement from 2.3 to 0.5 ms (docs/database.md). Used for
// the send batch (store/send-queue.ts) on its own connections, and for the
// history page, the unread count and mark read on theirs.
// The SQL is still composed with the same tagged templates (values as bind
// parameters), and rows come back with the types Prisma's `$queryRaw` gives:
// bigint for int8 and UTC `Date`s for our zone-less timestamp columns.
// PGlite runs in this process: it keeps the Prisma path.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Sql } from '@prisma/client/runtime/client';
import { database } from '../db';
import { metrics, secondsSince } from '../metrics';

const INT8 = 20;
const TIMESTAMP = 1114;

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => BigInt(value);
    // Prisma writes UTC wall time into `timestamp(3)` columns (store/sql.ts).
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A statement's name: the same text is prepared once per connection under it. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hot_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/** Whose connections run it: the send batch's, or those of the statements a request waits on. */
export type HotPool = 'sendBatch' | 'request';

/** Runs `query` as a prepared statement on PostgreSQL, through Prisma on PGlite. */
export async function preparedQuery<T>(query: Sql, on: HotPool): Promise<T[]> {
  const { hotPool: sendBatch, hotRequestPool: request, prisma } = database();
  const pool = on === 'sendBatch' ? sendBatch : request;
  if (!pool) return prisma.$queryRaw<T[]>(query);
  const text = query.text;
  const started = performance.now();
  try {
    const { rows } = await pool.query<T & pg.QueryResultRow>({
      name: statementName(text),
      text,
      values: query.values as unknown[],
      types,
    });
    return rows;
  } finally {
    // The same histogram Prisma's statements feed (metrics/timed-adapter.ts).
    metrics().dbQueryLatency.observe(secondsSince(started));
  }
}

/** A raw query's runner: a Prisma client's `$queryRaw`, or `preparedQuery` on one of the pools. */
export type RawQuery = <T>(query: Sql) => Promise<T[]>;

/** The statements a request waits on, prepared on their own connections. */
export const requestQuery: RawQuery = <T>(query: Sql) => preparedQuery<T>(query, 'request');
