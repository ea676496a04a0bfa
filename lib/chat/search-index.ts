// The search indexer. A send no longer maintains the search indexes in its
// own transaction: a trigger lists each new, edited or deleted message in
// "SearchIndexTodo" (prisma/migrations/*_search_indexer), and this job moves
// what is listed into "ChatMessageSearch", where the GIN indexes are, in
// batches, shortly after the commit. It runs in every process: a change
// wakes the process that made it, and a timer picks up what another process
// or a stopped one left. Batches are claimed with SKIP LOCKED, so processes
// never index the same rows at once, and claiming and indexing are one
// statement, so a crash leaves the rows listed, never lost.
// Search reads the listed messages directly (search-messages.ts), so a
// message is findable from its ack on; the indexer only decides how cheap.
import type { Logger } from 'pino';
import { db } from '../db';
import { subscribe } from '../events/bus';
import type { DbClient } from './store/sql';

const BATCH = 1000;

/** Indexes up to `limit` listed changes; returns how many it took. */
export async function indexSearchBatch(client: DbClient, limit = BATCH): Promise<number> {
  // Every lookup is by key through `= ANY(array)`, whatever the statistics
  // say: joined to the claimed ids as a CTE, the planner estimated a full
  // batch and, with stale statistics (a table analyzed while small),
  // hash-joined it to seq scans of "ChatMessage" and of the whole to-do list,
  // 4.9 ms for a batch of 18 against 1.1 ms by key (docs/database.md).
  const [row] = await client.$queryRaw<Array<{ taken: bigint | number }>>`
    WITH taken AS (
      DELETE FROM "SearchIndexTodo"
      WHERE id = ANY(ARRAY(SELECT id FROM "SearchIndexTodo" ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED))
      RETURNING "messageId"
    ), ids AS (
      SELECT ARRAY(SELECT DISTINCT "messageId" FROM taken) AS ids
    ), live AS (
      SELECT m.id, m."chatId", m.seq, chat_message_search_text(m.content, m.attachments) AS text
      FROM "ChatMessage" m
      WHERE m.id = ANY((SELECT ids FROM ids)::uuid[]) AND m."deletedAt" IS NULL
    ), removed AS (
      DELETE FROM "ChatMessageSearch" s
      WHERE s."messageId" = ANY((SELECT ids FROM ids)::uuid[])
        AND NOT EXISTS (SELECT 1 FROM live WHERE live.id = s."messageId")
    ), written AS (
      INSERT INTO "ChatMessageSearch" ("messageId", "chatId", seq, text)
      SELECT id, "chatId", seq, text FROM live
      ON CONFLICT ("messageId") DO UPDATE SET text = EXCLUDED.text
      WHERE "ChatMessageSearch".text IS DISTINCT FROM EXCLUDED.text
    )
    SELECT count(*) AS taken FROM taken`;
  return Number(row?.taken ?? 0);
}

export interface SearchIndexer {
  /** Runs soon (after the delay), taking whatever has been listed by then. */
  wake(): void;
  /** Stops the timers and waits for a batch being written. */
  stop(): Promise<void>;
}

export function startSearchIndexer({
  delayMs,
  intervalMs,
  log,
}: {
  delayMs: number;
  intervalMs: number;
  log: Logger;
}): SearchIndexer {
  let stopped = false;
  let soon: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = (): void => {
    soon = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        // A full batch means more may be waiting: keep going until it drains.
        while (!stopped && (await indexSearchBatch(db())) === BATCH);
      } catch (error) {
        log.error({ err: error }, 'search indexing failed; the to-do rows stay for the next run');
      }
    })().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        wake();
      }
    });
  };
  const wake = (): void => {
    if (stopped || soon) return;
    soon = setTimeout(run, delayMs);
    soon.unref();
  };

  const unsubscribe = subscribe('search-index', (event) => {
    if (event.type === 'message.sent' || event.type === 'message.edited' || event.type === 'message.deleted')
      wake();
  });
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run(); // What a stopped process left.

  return {
    wake,
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await running;
    },
  };
}
