// What the service worker reconciles its notifications with, on every push
// and when the app gets focus: each chat's unread count, and the badge.
import { NOW, sql } from '../chat/store/sql';
import { UNREAD_OF_P } from '../chat/unread-count';
import { db } from '../db';
import { COST, spend } from '../user-budget';

export interface UnreadStateDto {
  /** Chats with unread messages → how many; muted chats included, marked. */
  chats: Array<{ chatId: string; unread: number; muted: boolean }>;
  /** Unread messages in chats that are not muted: the app badge. */
  badge: number;
}

export async function listUnread({ userId }: { userId: string }): Promise<UnreadStateDto> {
  await spend(userId, 'read', COST.read);
  const rows = await db().$queryRaw<Array<{ chatId: string; unread: number; muted: boolean }>>(sql`
    SELECT * FROM (
      SELECT p."chatId", ${UNREAD_OF_P} AS unread,
             COALESCE(p."mutedUntil" > ${NOW}, false) AS muted
      FROM "ChatParticipant" p
      WHERE p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
    ) c WHERE c.unread > 0
    ORDER BY c."chatId"`);
  return { chats: rows, badge: rows.reduce((n, r) => n + (r.muted ? 0 : r.unread), 0) };
}
