// Reactions as each viewer may see them: grouped by emoji, with the people
// who have a block with the viewer (either way) left out, as their receipts,
// typing and presence are.
import { blockPartners } from '../../users/block-partners';
import type { LastReactionDto, MessageDto, ReactionDto } from '../dto';
import { toMessageDto, type MessageRow } from '../dto/mappers';
import type { RawQuery } from '../../db/prepared';
import { sql, type DbClient, type Sql } from './sql';

interface ReactionGroupRow {
  messageId: string;
  emoji: string;
  userIds: string[];
}

/**
 * `messages` with their reactions as `viewerId` may see them: one query, none
 * when nothing could have any. `client` runs it: a Prisma client, or a
 * prepared statement's runner (db/prepared.ts).
 */
export async function withReactions(
  client: DbClient | RawQuery,
  viewerId: string,
  messages: MessageDto[],
): Promise<MessageDto[]> {
  const ids = messages.filter((m) => !m.deletedAt && m.type !== 'SYSTEM').map((m) => m.id);
  if (ids.length === 0) return messages;
  const hidden = await blockPartners(viewerId);
  const query: RawQuery = typeof client === 'function' ? client : <T>(q: Sql) => client.$queryRaw<T[]>(q);
  const rows = await query<ReactionGroupRow>(sql`
    SELECT "messageId", emoji, array_agg("userId"::text ORDER BY "createdAt", "userId") AS "userIds"
    FROM "MessageReaction"
    WHERE "messageId" = ANY(${ids}::uuid[]) AND NOT ("userId" = ANY(${hidden}::uuid[]))
    GROUP BY "messageId", emoji
    ORDER BY min("createdAt"), emoji`);
  if (rows.length === 0) return messages;
  const byMessage = new Map<string, ReactionDto[]>();
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? [];
    list.push({ emoji: row.emoji, count: row.userIds.length, userIds: row.userIds });
    byMessage.set(row.messageId, list);
  }
  return messages.map((m) => {
    const reactions = byMessage.get(m.id);
    return reactions ? { ...m, reactions } : m;
  });
}

export async function withReactionsOne(client: DbClient, viewerId: string, message: MessageDto) {
  const [one] = await withReactions(client, viewerId, [message]);
  return one ?? message;
}

/**
 * Each chat's latest reaction that `viewerId` may see, when it came after
 * the chat's latest message: what the chat list shows in place of that
 * message. One statement, a backward step on (chatId, createdAt) per chat.
 */
export async function latestReactions(
  client: DbClient,
  viewerId: string,
  chatIds: string[],
): Promise<Map<string, LastReactionDto>> {
  if (chatIds.length === 0) return new Map();
  const hidden = await blockPartners(viewerId);
  const rows = await client.$queryRaw<
    Array<MessageRow & { reactorId: string; reactorName: string; reactionEmoji: string; reactedAt: Date }>
  >`
    SELECT m.*, r."userId" AS "reactorId", u.name AS "reactorName", r.emoji AS "reactionEmoji",
           r."createdAt" AS "reactedAt"
    FROM "ChatSession" s
    CROSS JOIN LATERAL (
      SELECT * FROM "MessageReaction" x
      WHERE x."chatId" = s.id AND x."createdAt" > COALESCE(s."lastMessageAt", s."createdAt")
        AND NOT (x."userId" = ANY(${hidden}::uuid[]))
      ORDER BY x."createdAt" DESC LIMIT 1
    ) r
    JOIN "ChatMessage" m ON m.id = r."messageId" AND m."deletedAt" IS NULL
    JOIN "User" u ON u.id = r."userId"
    WHERE s.id = ANY(${chatIds}::uuid[])`;
  const messages = await withReactions(client, viewerId, rows.map(toMessageDto));
  return new Map(
    rows.map((row, i) => [
      row.chatId,
      {
        userId: row.reactorId,
        name: row.reactorName,
        emoji: row.reactionEmoji,
        createdAt: row.reactedAt.toISOString(),
        message: messages[i] ?? toMessageDto(row),
      },
    ]),
  );
}
