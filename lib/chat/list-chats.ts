import { z } from 'zod';
import { db } from '../db';
import type { ChatListItemDto, Page } from './dto';
import { CHAT_COLUMNS, loadListedParticipants } from './store/load-chat';
import { toChatDto, toMessageDto, type ChatRow, type MessageRow } from './dto/mappers';
import { decodeCursor, encodeCursor, pageSize } from './rules/paging';
import { empty, sql } from './store/sql';
import { UNREAD_MENTIONS_OF_P, UNREAD_OF_P } from './unread-count';
import { COST, spend } from '../user-budget';
import { timestamp } from '../validations/input';
import { withoutBlockedPresence } from '../users/block-partners';

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
  // The last message is the one at lastSeq: a point lookup on (chatId, seq).
  const [listed, lastMessages] = await Promise.all([
    loadListedParticipants(db(), chatIds, userId),
    page.some((r) => r.lastSeq > 0)
      ? db().$queryRaw<MessageRow[]>`
          SELECT m.* FROM "ChatMessage" m JOIN "ChatSession" s ON s.id = m."chatId" AND m.seq = s."lastSeq"
          WHERE s.id = ANY(${chatIds}::uuid[])`
      : Promise.resolve([]),
  ]);
  const lastByChat = new Map(lastMessages.map((m) => [m.chatId, toMessageDto(m)]));
  const items = await withoutBlockedPresence(
    userId,
    page.map((row) => ({
      ...toChatDto(row, listed.get(row.id)?.participants ?? [], listed.get(row.id)?.count ?? 0),
      lastMessage: lastByChat.get(row.id) ?? null,
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
