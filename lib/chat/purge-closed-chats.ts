// Closed (unmatched) direct chats keep their messages for
// CLOSED_CHAT_RETENTION_DAYS, so either person can still report from them;
// then the chat goes, messages and all. Reports keep their own frozen copy
// of the evidence, so a purge never takes a report's evidence with it.
import { db } from '../db';
import { env } from '../env';
import { announce } from '../events/bus';
import { logger } from '../logger';
import { retireChatUploads } from './store/tombstone';

const HOUR_MS = 60 * 60 * 1000;

/** Deletes the chats closed longer ago than the retention; returns their ids. */
export async function purgeClosedChats(): Promise<string[]> {
  const rows = await db().$transaction(async (tx) => {
    const gone = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "ChatSession"
      WHERE "closedAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => ${env().CLOSED_CHAT_RETENTION_DAYS})
      FOR UPDATE SKIP LOCKED`;
    const ids = gone.map((g) => g.id);
    if (ids.length === 0) return [];
    // Their media stops being served with them (lib/media removes the bytes).
    await retireChatUploads(tx, ids);
    return tx.$queryRaw<Array<{ id: string; userIds: string[] }>>`
      WITH people AS (
        SELECT p."chatId", array_agg(p."userId") AS "userIds"
        FROM "ChatParticipant" p WHERE p."chatId" = ANY(${ids}::uuid[]) GROUP BY p."chatId"
      )
      DELETE FROM "ChatSession" s USING unnest(${ids}::uuid[]) AS gone(id)
      LEFT JOIN people ON people."chatId" = gone.id
      WHERE s.id = gone.id
      RETURNING s.id, coalesce(people."userIds", '{}') AS "userIds"`;
  });
  // Their sockets are not in the closed chat's room: tell the people themselves.
  for (const { id, userIds } of rows) {
    announce({ type: 'chat.deleted', actor: { userId: null }, chatId: id, userIds });
  }
  return rows.map((r) => r.id);
}

/**
 * Purges now and then every hour until the returned function is called.
 * Each process runs it; they delete the same rows, and only one deletes each.
 */
export function schedulePurgeOfClosedChats(): () => void {
  const run = () =>
    purgeClosedChats().then(
      (ids) => {
        if (ids.length > 0) logger().info({ count: ids.length }, 'purged closed chats past their retention');
      },
      (error: unknown) => logger().error({ err: error }, 'purging closed chats failed'),
    );
  void run();
  const timer = setInterval(() => void run(), HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
