import { z } from 'zod';
import { db } from '../db';
import type { ChatListItemDto, Page } from './dto';
import { CHAT_COLUMNS, loadListedParticipants } from './store/load-chat';
import { toChatDto, toMessageDto, type ChatRow, type MessageRow } from './dto/mappers';
import { decodeCursor, encodeCursor, pageSize } from './rules/paging';
import { notHiddenFrom } from './store/hidden';
import { empty, sql } from './store/sql';
import { latestReactions, withReactions } from './store/reactions';
import { UNREAD_MENTIONS_OF_P, UNREAD_OF_P } from './unread-count';
import { COST, spend } from '../user-budget';
import { timestamp } from '../validations/input';
import { asSeenBy } from '../users/privacy';

export interface ListChatsOptions {
  userId: string;
  cursor?: string;
  limit?: number;
}

/** Where the previous page ended: its last chat's activity time and id. */
const chatCursor = z.object({ at: timestamp, id: z.uuid() });

interface ChatListRow extends ChatRow {
  activityAt: Date;
  unreadCount: number;
  mentionCount: number;
}

/**
 * The caller's chats, most recent activity first: groups they have not left,
 * and DIRECT chats unless hidden with no message since. Three queries per
 * page, however many chats it holds, and a few members each (the chat's
 * details carry the whole list).
 */
export async function listChats({ userId, cursor, limit }: ListChatsOptions): Promise<Page<ChatListItemDto>> {
  await spend(userId, 'read', COST.list);
  const size = pageSize(limit);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, chatCursor);
  const activity = sql`COALESCE(s."lastMessageAt", s."createdAt")`;
  const rows = await db().$queryRaw<ChatListRow[]>`
    SELECT ${CHAT_COLUMNS}, ${activity} AS "activityAt",
           ${UNREAD_OF_P} AS "unreadCount", ${UNREAD_MENTIONS_OF_P} AS "mentionCount"
    FROM "ChatParticipant" p
    JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
      AND (p."hiddenAt" IS NULL OR s."lastMessageAt" > p."hiddenAt")
      ${after ? sql`AND (${activity}, s.id) < (${new Date(after.at)}::timestamp, ${after.id}::uuid)` : empty}
    ORDER BY "activityAt" DESC, s.id DESC
    LIMIT ${size + 1}`;
  const page = rows.slice(0, size);
  const chatIds = page.map((r) => r.id);
  // The last message the caller has not deleted for themselves: almost
  // always the one at lastSeq, the first row of a backward scan on (chatId, seq).
  const [listed, lastMessages, lastReactions] = await Promise.all([
    loadListedParticipants(db(), chatIds, userId),
    page.some((r) => r.lastSeq > 0)
      ? db().$queryRaw<MessageRow[]>`
          SELECT m.* FROM unnest(${chatIds}::uuid[]) AS s(id)
          CROSS JOIN LATERAL (
            SELECT * FROM "ChatMessage" c WHERE c."chatId" = s.id ${notHiddenFrom(userId, sql`c.id`)}
            ORDER BY c.seq DESC LIMIT 1
          ) m`
      : Promise.resolve([]),
    latestReactions(db(), userId, chatIds),
  ]);
  const lastWithReactions = await withReactions(db(), userId, lastMessages.map(toMessageDto));
  const lastByChat = new Map(lastWithReactions.map((m) => [m.chatId, m]));
  const items = await asSeenBy(
    userId,
    page.map((row) => ({
      ...toChatDto(row, listed.get(row.id)?.participants ?? [], listed.get(row.id)?.count ?? 0),
      lastMessage: lastByChat.get(row.id) ?? null,
      lastReaction: lastReactions.get(row.id) ?? null,
      unreadCount: row.unreadCount,
      mentionCount: row.mentionCount,
    })),
  );
  const last = page.at(-1);
  const more = rows.length > size && last !== undefined;
  return {
    items,
    nextCursor: more ? encodeCursor({ at: last.activityAt.toISOString(), id: last.id }) : null,
  };
}
