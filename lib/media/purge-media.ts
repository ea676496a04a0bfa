// Removes media bytes nobody may read any more, in bounded batches, safe
// with several processes running it at once (each claims its rows with
// FOR UPDATE SKIP LOCKED):
// - deleted (tombstoned) uploads, CLOSED_CHAT_RETENTION_DAYS after deletion:
//   the bytes go, the row stays marked purgedAt;
// - message uploads no message took within 24 hours, and those whose chat is
//   gone: bytes and row go;
// - the media of disappearing messages (lib/chat/expire-messages.ts), and
//   that of erased accounts (lib/users/erase-accounts.ts), as soon as they
//   are gone: the row stays marked purgedAt.
// Whatever a report's frozen evidence holds is kept for the moderators, and
// bytes a forwarded copy still names (lib/chat/store/copy-uploads.ts) stay
// until the last row naming them is purged.
import { NOW, sql } from '../chat/store/sql';
import { db } from '../db';
import { env } from '../env';
import { logger } from '../logger';
import { repeat } from '../repeat';
import { mediaStorage } from './storage';

const HOUR_MS = 60 * 60 * 1000;
const BATCH = 100;
/** At most this many batches a run; the next run goes on. */
const MAX_BATCHES = 50;

interface Claimed {
  id: string;
  storageKey: string;
  thumbnailKey: string | null;
  /** purgedAt before this run claimed it. */
  wasPurged: boolean;
  /** The row goes too, not only the bytes. */
  dropRow: boolean;
}

export interface PurgeResult {
  /** Uploads whose bytes were removed. */
  purged: number;
  /** Of those, the rows removed too. */
  removed: number;
  failed: number;
}

/** A row that goes whole: a message upload never attached within a day, or whose chat is gone. */
const DROP_ROW = sql`(u.purpose = 'MESSAGE' AND (u."chatId" IS NULL
  OR (u."messageId" IS NULL AND u."createdAt" < ${NOW} - interval '24 hours')))`;

export async function purgeMedia(): Promise<PurgeResult> {
  const result: PurgeResult = { purged: 0, removed: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claimBatch();
    if (claimed.length === 0) break;
    const gone: Claimed[] = [];
    const failed: Claimed[] = [];
    const shared = await stillNamed(claimed.map((u) => u.storageKey));
    for (const upload of claimed) {
      if (shared.has(upload.storageKey)) {
        gone.push(upload);
        continue;
      }
      try {
        await mediaStorage().delete(upload.storageKey);
        if (upload.thumbnailKey) await mediaStorage().delete(upload.thumbnailKey);
        gone.push(upload);
      } catch (error) {
        logger().error({ err: error, uploadId: upload.id }, 'could not remove media bytes; will try again');
        failed.push(upload);
      }
    }
    const dropped = gone.filter((u) => u.dropRow).map((u) => u.id);
    if (dropped.length > 0) {
      // Checked again: a message may have taken the upload since it was claimed.
      const removed = await db().$executeRaw`
        DELETE FROM "Upload" u WHERE u.id = ANY(${dropped}::uuid[]) AND ${DROP_ROW}`;
      result.removed += removed;
    }
    // Claimed but still there: unmarked, so the next run tries again.
    const retry = failed.filter((u) => !u.wasPurged).map((u) => u.id);
    if (retry.length > 0) {
      await db().$executeRaw`UPDATE "Upload" SET "purgedAt" = NULL WHERE id = ANY(${retry}::uuid[])`;
    }
    result.purged += gone.length;
    result.failed += failed.length;
    // A short batch was the last; one where nothing could be removed means the storage is down.
    if (claimed.length < BATCH || gone.length === 0) break;
  }
  return result;
}

/**
 * Of these keys, those another upload row not purged still names (a
 * forwarded copy, or its original). Claims are committed before this runs,
 * so of two processes purging the last two rows of some bytes at once, the
 * later one to ask sees both purged and removes them.
 */
async function stillNamed(keys: string[]): Promise<Set<string>> {
  const rows = await db().$queryRaw<Array<{ storageKey: string }>>`
    SELECT DISTINCT "storageKey" FROM "Upload" WHERE "storageKey" = ANY(${keys}) AND "purgedAt" IS NULL`;
  return new Set(rows.map((r) => r.storageKey));
}

/** A deleted upload of a message that disappeared (deleted when its expiresAt came): no retention. */
const DISAPPEARED = sql`(u."deletedAt" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "ChatMessage" m WHERE m.id = u."messageId" AND m."expiresAt" <= u."deletedAt"))`;

/** A deleted upload of an erased account: its media goes at the erasure, with no retention. */
const ERASED = sql`(u."deletedAt" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "User" x WHERE x.id = u."uploaderId" AND x."erasedAt" IS NOT NULL))`;

/**
 * Marks up to BATCH uploads purged and returns them. Rows another process
 * holds are skipped; rows a report's evidence holds are never picked.
 */
async function claimBatch(): Promise<Claimed[]> {
  const retention = env().CLOSED_CHAT_RETENTION_DAYS;
  return db().$queryRaw<Claimed[]>`
    WITH picked AS (
      SELECT u.id, u."purgedAt" IS NOT NULL AS "wasPurged", ${DROP_ROW} AS "dropRow"
      FROM "Upload" u
      WHERE (${DROP_ROW}
             OR ((u."deletedAt" < ${NOW} - make_interval(days => ${retention}) OR ${DISAPPEARED} OR ${ERASED})
                 AND u."purgedAt" IS NULL))
        AND NOT EXISTS (
          SELECT 1 FROM "Report" r
          WHERE r.evidence @> jsonb_build_object('messages', jsonb_build_array(jsonb_build_object(
                  'attachments', jsonb_build_array(jsonb_build_object('id', u.id::text))))))
      ORDER BY u."createdAt"
      LIMIT ${BATCH}
      FOR UPDATE OF u SKIP LOCKED
    )
    UPDATE "Upload" u SET "purgedAt" = coalesce(u."purgedAt", ${NOW})
    FROM picked WHERE u.id = picked.id
    RETURNING u.id, u."storageKey", u."thumbnailKey", picked."wasPurged", picked."dropRow"`;
}

/**
 * Purges now and then every hour until the returned function is called; it
 * resolves once a run in progress has finished. Each process runs it; a row
 * is claimed by one of them.
 */
export function schedulePurgeOfMedia(): () => Promise<void> {
  return repeat(
    () =>
      purgeMedia().then(
        ({ purged, removed, failed }) => {
          if (purged + failed > 0) logger().info({ purged, removed, failed }, 'purged media nobody may read');
        },
        (error: unknown) => logger().error({ err: error }, 'purging media failed'),
      ),
    HOUR_MS,
  );
}
