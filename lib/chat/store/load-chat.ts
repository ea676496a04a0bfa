// Reads chats and their current participants as DTOs, in a constant number
// of queries however many chats are asked for.
import { notInChat } from '../rules/access';
import type { ChatDto, ParticipantDto } from '../dto';
import { toChatDto, toParticipantDto, type ChatRow, type ParticipantRow } from '../dto/mappers';
import { sql, type DbClient } from './sql';

export const CHAT_COLUMNS = sql`s.id, s.type, s.name, s.description, s."avatarUrl",
  s."createdById", s."createdAt", s."lastMessageAt", s."lastSeq", s."closedAt", s."disappearAfterSeconds"`;

/**
 * How many participants a chat list entry (and a sync's new chat) carries:
 * the caller first, then the earliest to join. A direct chat is always
 * whole; a group's full member list comes with the chat's details.
 */
export const LISTED_PARTICIPANTS = 3;

const PARTICIPANT_COLUMNS = sql`p."chatId", p."userId", u.name, u."avatarUrl", p.role, p."joinedAt",
  p."lastReadSeq", p."lastDeliveredSeq", pr.status AS "presenceStatus", pr."lastSeenAt"`;

/** Current participants (not left) of each chat, in the order they joined. */
export async function loadParticipants(
  client: DbClient,
  chatIds: string[],
): Promise<Map<string, ParticipantDto[]>> {
  const byChat = new Map<string, ParticipantDto[]>(chatIds.map((id) => [id, []]));
  if (chatIds.length === 0) return byChat;
  const rows = await client.$queryRaw<ParticipantRow[]>`
    SELECT ${PARTICIPANT_COLUMNS}
    FROM "ChatParticipant" p
    JOIN "User" u ON u.id = p."userId"
    LEFT JOIN "UserPresence" pr ON pr."userId" = p."userId"
    WHERE p."chatId" = ANY(${chatIds}::uuid[]) AND p."leftAt" IS NULL
    ORDER BY p."joinedAt", p."userId"`;
  for (const row of rows) byChat.get(row.chatId)?.push(toParticipantDto(row));
  return byChat;
}

/**
 * The few participants a list shows of each chat (LISTED_PARTICIPANTS, the
 * caller first) and how many there are, in one query however large the groups.
 */
export async function loadListedParticipants(
  client: DbClient,
  chatIds: string[],
  userId: string,
): Promise<Map<string, { participants: ParticipantDto[]; count: number }>> {
  const byChat = new Map(chatIds.map((id) => [id, { participants: [] as ParticipantDto[], count: 0 }]));
  if (chatIds.length === 0) return byChat;
  const rows = await client.$queryRaw<Array<ParticipantRow & { total: number }>>`
    SELECT ${PARTICIPANT_COLUMNS}, l.total
    FROM (
      SELECT "chatId", "userId", count(*) OVER w::int AS total,
             row_number() OVER (w ORDER BY "userId" = ${userId}::uuid DESC, "joinedAt", "userId") AS rank
      FROM "ChatParticipant"
      WHERE "chatId" = ANY(${chatIds}::uuid[]) AND "leftAt" IS NULL
      WINDOW w AS (PARTITION BY "chatId")
    ) l
    JOIN "ChatParticipant" p ON p."chatId" = l."chatId" AND p."userId" = l."userId"
    JOIN "User" u ON u.id = p."userId"
    LEFT JOIN "UserPresence" pr ON pr."userId" = p."userId"
    WHERE l.rank <= ${LISTED_PARTICIPANTS}
    ORDER BY p."chatId", l.rank`;
  for (const row of rows) {
    const entry = byChat.get(row.chatId);
    if (!entry) continue;
    entry.participants.push(toParticipantDto(row));
    entry.count = row.total;
  }
  return byChat;
}

/** Chats as list entries show them (LISTED_PARTICIPANTS each), in two queries; missing ids are left out. */
export async function loadListedChats(
  client: DbClient,
  chatIds: string[],
  userId: string,
): Promise<ChatDto[]> {
  if (chatIds.length === 0) return [];
  const [rows, listed] = await Promise.all([
    client.$queryRaw<
      ChatRow[]
    >`SELECT ${CHAT_COLUMNS} FROM "ChatSession" s WHERE s.id = ANY(${chatIds}::uuid[])`,
    loadListedParticipants(client, chatIds, userId),
  ]);
  return rows.map((row) => {
    const entry = listed.get(row.id);
    return toChatDto(row, entry?.participants ?? [], entry?.count ?? 0);
  });
}

export async function loadChat(client: DbClient, chatId: string): Promise<ChatDto> {
  const [row] = await client.$queryRaw<
    ChatRow[]
  >`SELECT ${CHAT_COLUMNS} FROM "ChatSession" s WHERE s.id = ${chatId}::uuid`;
  // Callers load chats they have just checked or written; a miss means it was deleted meanwhile.
  if (!row) throw notInChat();
  const participants = await loadParticipants(client, [chatId]);
  const all = participants.get(chatId) ?? [];
  return toChatDto(row, all, all.length);
}
