import { db } from '../db';
import { requestQuery } from '../db/prepared';
import { AppError } from '../errors';
import { notInChat } from './rules/access';
import type { MessageDto, Page } from './dto';
import { toMessageDto, type MessageRow } from './dto/mappers';
import { isId } from './store/ids';
import { withReactions } from './store/reactions';
import { pageSize } from './rules/paging';
import { notHiddenFrom } from './store/hidden';
import { empty, NOW, sql, type Sql } from './store/sql';
import { COST, spend } from '../user-budget';

export interface ListMessagesOptions {
  userId: string;
  chatId: string;
  /** Messages older than this seq, newest first (the default direction). */
  before?: number;
  /** Messages newer than this seq, oldest first: catching up after a gap. */
  after?: number;
  limit?: number;
}

/**
 * A page of a chat's history, by seq on the (chatId, seq) index, never by
 * OFFSET. `nextCursor` continues in the same direction: pass it as `before`
 * when paging back, as `after` when catching up; null at the end. Deleted
 * messages stay in place as tombstones. Fetching is the delivery
 * confirmation: the caller's lastDeliveredSeq moves up to what they got.
 */
export async function listMessages(options: ListMessagesOptions): Promise<Page<MessageDto>> {
  const { userId, chatId, before, after } = options;
  await spend(userId, 'read', COST.read);
  if (before !== undefined && after !== undefined) {
    throw new AppError('VALIDATION', 'Use before or after, not both.');
  }
  if (!isId(chatId)) throw notInChat();
  const size = pageSize(options.limit);
  // The membership check rides along with the page: one round trip. No row
  // at all means not a member; a member of an empty chat gets one row of nulls.
  // A prepared statement (db/prepared.ts), as is the reactions' query below.
  const found = await requestQuery<MessageRow & { callerDeliveredSeq: number }>(sql`
    SELECT m.*, p."lastDeliveredSeq" AS "callerDeliveredSeq"
    FROM "ChatParticipant" p
    LEFT JOIN LATERAL (${historyPageSql({ chatId, before, after, take: size + 1, viewerId: userId })}) m ON true
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
    ORDER BY m.seq ${after === undefined ? sql`DESC` : sql`ASC`}`);
  const me = found[0];
  if (!me) throw notInChat();
  const rows = found.filter((row) => row.id !== null);
  const page = rows.slice(0, size);
  const newest = page.reduce((max, m) => Math.max(max, m.seq), 0);
  if (newest > me.callerDeliveredSeq) {
    // GREATEST and the guard keep the watermark from moving back under a concurrent fetch.
    await db().$executeRaw`
      UPDATE "ChatParticipant"
      SET "lastDeliveredSeq" = GREATEST("lastDeliveredSeq", ${newest}), "lastDeliveredAt" = ${NOW}
      WHERE "chatId" = ${chatId}::uuid AND "userId" = ${userId}::uuid AND "lastDeliveredSeq" < ${newest}`;
  }
  const last = page.at(-1);
  return {
    items: await withReactions(requestQuery, userId, page.map(toMessageDto)),
    nextCursor: rows.length > size && last ? String(last.seq) : null,
  };
}

/** The page query; exported so a test can check its plan uses the (chatId, seq) index. */
export function historyPageSql({
  chatId,
  before,
  after,
  take,
  viewerId,
}: {
  chatId: string;
  before?: number;
  after?: number;
  take: number;
  /** Leaves out what this person deleted for themselves. */
  viewerId?: string;
}): Sql {
  const visible = viewerId === undefined ? empty : notHiddenFrom(viewerId, sql`"ChatMessage".id`);
  if (after !== undefined) {
    return sql`SELECT * FROM "ChatMessage" WHERE "chatId" = ${chatId}::uuid AND seq > ${after} ${visible}
               ORDER BY seq ASC LIMIT ${take}`;
  }
  const upper = before === undefined ? empty : sql`AND seq < ${before}`;
  return sql`SELECT * FROM "ChatMessage" WHERE "chatId" = ${chatId}::uuid ${upper} ${visible}
             ORDER BY seq DESC LIMIT ${take}`;
}
