// The analytics rollup: moves new messages, chats and reports into the
// rollup tables the dashboard reads (prisma/schema.prisma, Analytics*).
// It reads rows after a watermark by id: ids are UUIDv7, so the primary key
// is already in time order and the send path pays nothing (no trigger, no
// extra statement, no index on createdAt). Only rows whose id is older than
// LAG_MS are taken, so a transaction that made its id a moment before it
// committed is never skipped; processes' clocks must agree within that.
// Each batch and its watermark move commit together, under a row lock on the
// watermark: any process may run it, one at a time, and nothing is counted
// twice or lost when a process stops half-way.
import { db, type Db } from '../db';
import { sql, type DbClient, type Sql } from '../chat/store/sql';

/** How old a row's id must be before the rollup counts it. */
export const LAG_MS = 60_000;
const BATCH = 2000;
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** The smallest UUIDv7 of the millisecond `ms`: ids below it were made before then. */
export function idAt(ms: number): string {
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-0000-0000-000000000000`;
}

interface Watermark {
  messagesUpTo: string | null;
  chatsUpTo: string | null;
  reportsUpTo: string | null;
}

export type RollupResult = { kind: 'busy' } | { kind: 'done'; rows: number };

/**
 * Counts everything made before `now - lagMs` that is not counted yet, in
 * batches of BATCH rows per table, one transaction each. `busy` when another
 * process holds the watermark (it is doing the same work).
 */
export async function rollUpAnalytics({
  client = db(),
  now = Date.now(),
  lagMs = LAG_MS,
  batch = BATCH,
}: { client?: Db; now?: number; lagMs?: number; batch?: number } = {}): Promise<RollupResult> {
  const bound = idAt(now - lagMs);
  const horizon = new Date(now - lagMs).toISOString();
  let rows = 0;
  for (;;) {
    // Generous limits: a background job may wait its turn behind a busy send path.
    const round = await client.$transaction((tx) => rollUpBatch(tx, { bound, horizon, batch }), {
      maxWait: 10_000,
      timeout: 60_000,
    });
    if (round === 'busy') return { kind: 'busy' };
    rows += round.rows;
    if (!round.more) return { kind: 'done', rows };
  }
}

async function rollUpBatch(
  tx: DbClient,
  { bound, horizon, batch }: { bound: string; horizon: string; batch: number },
): Promise<'busy' | { rows: number; more: boolean }> {
  const [mark] = await tx.$queryRaw<Watermark[]>`
    SELECT "messagesUpTo", "chatsUpTo", "reportsUpTo" FROM "AnalyticsRollup" WHERE id = 1
    FOR UPDATE SKIP LOCKED`;
  if (!mark) return 'busy';
  // Chats first, so a message usually finds its chat's row already there.
  const chats = await batchOf(tx, sql`"ChatSession"`, mark.chatsUpTo, bound, batch);
  if (chats.end) await rollUpChats(tx, mark.chatsUpTo ?? NO_ID, chats.end);
  const messages = await batchOf(tx, sql`"ChatMessage"`, mark.messagesUpTo, bound, batch);
  if (messages.end) await rollUpMessages(tx, mark.messagesUpTo ?? NO_ID, messages.end);
  const reports = await batchOf(tx, sql`"Report"`, mark.reportsUpTo, bound, batch);
  if (reports.end) await rollUpReports(tx, mark.reportsUpTo ?? NO_ID, reports.end);
  const more = [chats, messages, reports].some((b) => b.count === batch);
  await tx.$executeRaw`
    UPDATE "AnalyticsRollup" SET
      "chatsUpTo" = coalesce(${chats.end}::uuid, "chatsUpTo"),
      "messagesUpTo" = coalesce(${messages.end}::uuid, "messagesUpTo"),
      "reportsUpTo" = coalesce(${reports.end}::uuid, "reportsUpTo"),
      "rolledAt" = CASE WHEN ${more}::boolean THEN "rolledAt" ELSE ${horizon}::timestamptz AT TIME ZONE 'UTC' END
    WHERE id = 1`;
  return { rows: chats.count + messages.count + reports.count, more };
}

/** The last id of the next batch of `table` after `after` and below `bound`, and its size. */
async function batchOf(
  tx: DbClient,
  table: Sql,
  after: string | null,
  bound: string,
  limit: number,
): Promise<{ end: string | null; count: number }> {
  const [row] = await tx.$queryRaw<Array<{ end: string | null; count: bigint | number }>>`
    WITH b AS (
      SELECT id FROM ${table} WHERE id > ${after ?? NO_ID}::uuid AND id < ${bound}::uuid ORDER BY id LIMIT ${limit}
    )
    SELECT (SELECT id FROM b ORDER BY id DESC LIMIT 1)::text AS "end", (SELECT count(*) FROM b) AS count`;
  return { end: row?.end ?? null, count: Number(row?.count ?? 0) };
}

async function rollUpChats(tx: DbClient, after: string, end: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "AnalyticsChat" ("chatId", type, day, "createdById")
    SELECT id, type, "createdAt"::date, "createdById" FROM "ChatSession"
    WHERE id > ${after}::uuid AND id <= ${end}::uuid
    ON CONFLICT ("chatId") DO NOTHING`;
}

async function rollUpReports(tx: DbClient, after: string, end: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "AnalyticsDay" (day, reports)
    SELECT "createdAt"::date, count(*) FROM "Report"
    WHERE id > ${after}::uuid AND id <= ${end}::uuid
    GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET reports = "AnalyticsDay".reports + EXCLUDED.reports`;
}

/** People's messages in the batch (SYSTEM notices are not anyone's activity). */
const counted = (after: string, end: string) => sql`
  SELECT id, "chatId", "senderId", seq, "createdAt" FROM "ChatMessage"
  WHERE id > ${after}::uuid AND id <= ${end}::uuid AND type <> 'SYSTEM'`;

async function rollUpMessages(tx: DbClient, after: string, end: string): Promise<void> {
  // Messages per day, their senders as active (and sending) that day, and a
  // row for every chat they are in (a chat made a moment after its message's id).
  await tx.$executeRaw`
    WITH counted AS (${counted(after, end)}),
    days AS (
      INSERT INTO "AnalyticsDay" (day, messages)
      SELECT "createdAt"::date, count(*) FROM counted GROUP BY 1
      ON CONFLICT (day) DO UPDATE SET messages = "AnalyticsDay".messages + EXCLUDED.messages
    ), active AS (
      INSERT INTO "AnalyticsActivity" (day, "userId", sent)
      SELECT DISTINCT "createdAt"::date, "senderId", true FROM counted WHERE "senderId" IS NOT NULL
      ON CONFLICT (day, "userId") DO UPDATE SET sent = true WHERE NOT "AnalyticsActivity".sent
    )
    INSERT INTO "AnalyticsChat" ("chatId", type, day, "createdById")
    SELECT s.id, s.type, s."createdAt"::date, s."createdById" FROM "ChatSession" s
    WHERE s.id IN (SELECT "chatId" FROM counted)
    ON CONFLICT ("chatId") DO NOTHING`;
  // Per chat: messages so far, its first message, and the first one by
  // someone else (the reply). The batch's own first and reply merge with
  // the stored ones: overall, the reply is the earliest of the four that is
  // not by the overall first sender, whatever order the batches came in.
  await tx.$executeRaw`
    WITH counted AS (${counted(after, end)}),
    firsts AS (
      SELECT DISTINCT ON ("chatId") "chatId", seq, "senderId", "createdAt" FROM counted ORDER BY "chatId", seq
    ), replies AS (
      SELECT DISTINCT ON (c."chatId") c."chatId", c.seq, c."senderId", c."createdAt"
      FROM counted c JOIN firsts f ON f."chatId" = c."chatId"
      WHERE c."senderId" IS DISTINCT FROM f."senderId"
      ORDER BY c."chatId", c.seq
    ), merged AS (
      SELECT a."chatId", n.n, f1.*, r1.*
      FROM (SELECT "chatId", count(*) AS n FROM counted GROUP BY 1) n
      JOIN "AnalyticsChat" a ON a."chatId" = n."chatId"
      JOIN firsts f ON f."chatId" = n."chatId"
      LEFT JOIN replies r ON r."chatId" = n."chatId"
      CROSS JOIN LATERAL (
        SELECT v.seq, v.sender, v.at FROM (VALUES
          (a."firstSeq", a."firstSenderId", a."firstAt"),
          (f.seq, f."senderId", f."createdAt")
        ) v(seq, sender, at)
        WHERE v.seq IS NOT NULL ORDER BY v.seq LIMIT 1
      ) f1(fseq, fsender, fat)
      LEFT JOIN LATERAL (
        SELECT v.seq, v.sender, v.at FROM (VALUES
          (a."firstSeq", a."firstSenderId", a."firstAt"),
          (a."replySeq", a."replierId", a."replyAt"),
          (f.seq, f."senderId", f."createdAt"),
          (r.seq, r."senderId", r."createdAt")
        ) v(seq, sender, at)
        WHERE v.seq IS NOT NULL AND v.sender IS DISTINCT FROM f1.fsender ORDER BY v.seq LIMIT 1
      ) r1(rseq, rsender, rat) ON true
    )
    UPDATE "AnalyticsChat" a SET
      messages = a.messages + m.n,
      "firstSeq" = m.fseq, "firstSenderId" = m.fsender, "firstAt" = m.fat,
      "replySeq" = m.rseq, "replierId" = m.rsender, "replyAt" = m.rat
    FROM merged m WHERE a."chatId" = m."chatId"`;
}
