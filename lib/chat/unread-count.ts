import { requestQuery } from '../db/prepared';
import { notInChat } from './rules/access';
import { isId } from './store/ids';
import { notHiddenFrom } from './store/hidden';
import { sql, type Sql } from './store/sql';
import { COST, spend } from '../user-budget';

export interface UnreadCounts {
  count: number;
  /** Of those, the messages that mention the caller. */
  mentionCount: number;
}

/**
 * How many messages the caller has not read: after their read watermark, not
 * their own, not deleted, not deleted for them; and how many of them
 * mention the caller. Range scans on (chatId, seq) from the watermark, so
 * the cost follows the unread messages, not the history.
 */
export async function unreadCount({
  userId,
  chatId,
}: {
  userId: string;
  chatId: string;
}): Promise<UnreadCounts> {
  await spend(userId, 'read', COST.read);
  if (!isId(chatId)) throw notInChat();
  const [row] = await requestQuery<UnreadCounts>(unreadCountSql({ chatId, userId }));
  if (!row) throw notInChat();
  return row;
}

/** The unread count of the participant row aliased `p`, as an int column expression. */
export const UNREAD_OF_P = sql`(
  SELECT count(*)::int FROM "ChatMessage" m
  WHERE m."chatId" = p."chatId" AND m.seq > p."lastReadSeq"
    AND m."senderId" IS DISTINCT FROM p."userId" AND m."deletedAt" IS NULL
    ${notHiddenFrom(sql`p."userId"`, sql`m.id`)})`;

/**
 * The unread messages of `p` that mention them, as an int column expression:
 * only messages that mention anyone are scanned (a partial index on
 * (chatId, seq)), then checked for this person.
 */
export const UNREAD_MENTIONS_OF_P = sql`(
  SELECT count(*)::int FROM "ChatMessage" m
  WHERE m."chatId" = p."chatId" AND m.seq > p."lastReadSeq" AND m.mentions IS NOT NULL
    AND m.mentions @> jsonb_build_array(jsonb_build_object('userId', p."userId"::text))
    AND m."senderId" IS DISTINCT FROM p."userId" AND m."deletedAt" IS NULL)`;

/** One row when the caller is in the chat, none otherwise; exported so a test can check its plan. */
export function unreadCountSql({ chatId, userId }: { chatId: string; userId: string }): Sql {
  return sql`
    SELECT ${UNREAD_OF_P} AS count, ${UNREAD_MENTIONS_OF_P} AS "mentionCount"
    FROM "ChatParticipant" p
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL`;
}
