// Unread counts as the web app shows them (lib/chat/unread-count.ts), less
// muted chats: the app badge's number.
import { NOW, sql } from '../../chat/store/sql';
import { UNREAD_OF_P } from '../../chat/unread-count';
import { db } from '../../db';

/** Each user's unread messages across their chats that are not muted. */
export async function badgesOf(userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db().$queryRaw<Array<{ userId: string; badge: number }>>(sql`
    SELECT p."userId", COALESCE(sum(${UNREAD_OF_P}), 0)::int AS badge
    FROM "ChatParticipant" p
    WHERE p."userId" = ANY(${[...userIds]}::uuid[]) AND p."leftAt" IS NULL
      AND (p."mutedUntil" IS NULL OR p."mutedUntil" <= ${NOW})
    GROUP BY p."userId"`);
  return new Map(rows.map((r) => [r.userId, r.badge]));
}

/** One chat's unread messages for one user (0 when they are not in it). */
export async function unreadIn(chatId: string, userId: string): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ unread: number }>>(sql`
    SELECT ${UNREAD_OF_P} AS unread FROM "ChatParticipant" p
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid`);
  return row?.unread ?? 0;
}
