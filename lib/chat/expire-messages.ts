// Disappearing messages: each process looks every DISAPPEARING_SWEEP_SECONDS
// for messages whose expiresAt has come and deletes them for everyone, as a
// sender's delete does (a tombstone, message_deleted live, `changed` in
// sync). The time is in the database, so a message whose time came while
// no server ran goes at the next start. Processes claim rows with
// FOR UPDATE SKIP LOCKED, so each message is deleted, and announced, once.
// Their media stops being served at once and its bytes go with the next
// media purge, which this starts, except what a report's evidence holds.
import { db } from '../db';
import { env } from '../env';
import { announce } from '../events/bus';
import { logger } from '../logger';
import { repeat } from '../repeat';
import { purgeMedia } from '../media/purge-media';
import { toMessageDto } from './dto/mappers';
import { NOW } from './store/sql';
import { tombstoneMessages } from './store/tombstone';

const BATCH = 200;
/** At most this many batches a sweep; the next sweep goes on. */
const MAX_BATCHES = 25;

export interface ExpireResult {
  /** Messages deleted for everyone. */
  expired: number;
  /** Of those, how many had media. */
  withMedia: number;
}

export async function expireMessages(): Promise<ExpireResult> {
  const result: ExpireResult = { expired: 0, withMedia: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await db().$transaction(async (tx) => {
      const due = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "ChatMessage"
        WHERE "expiresAt" <= ${NOW} AND "deletedAt" IS NULL
        ORDER BY "expiresAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return [];
      return tombstoneMessages(
        tx,
        due.map((d) => d.id),
      );
    });
    for (const row of rows) {
      if (row.attachments !== null) result.withMedia++;
      announce({ type: 'message.deleted', actor: { userId: null }, message: toMessageDto(row) });
    }
    result.expired += rows.length;
    if (rows.length < BATCH) break;
  }
  return result;
}

/**
 * Sweeps now and every DISAPPEARING_SWEEP_SECONDS until the returned
 * function is called; it resolves once a sweep in progress has finished.
 * Needs the media storage started (lib/media/start-media.ts): the bytes of
 * what disappeared go at once.
 */
export function scheduleExpiryOfMessages(): () => Promise<void> {
  return repeat(
    () =>
      expireMessages()
        .then(async ({ expired, withMedia: media }) => {
          if (expired > 0) logger().info({ expired }, 'deleted disappearing messages whose time came');
          if (media > 0) await purgeMedia();
        })
        .catch((error: unknown) => logger().error({ err: error }, 'deleting disappearing messages failed')),
    env().DISAPPEARING_SWEEP_SECONDS * 1000,
  );
}
