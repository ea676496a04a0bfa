// Reads chats and their current participants as DTOs, in a constant number
// of queries however many chats are asked for.
import { notInChat } from './access';
import type { ChatDto, ParticipantDto } from './dto';
import { toChatDto, toParticipantDto, type ChatRow, type ParticipantRow } from './mappers';
import { sql, type DbClient } from './sql';

export const CHAT_COLUMNS = sql`s.id, s.type, s.name, s.description, s."avatarUrl",
  s."createdById", s."createdAt", s."lastMessageAt", s."lastSeq"`;

/** Current participants (not left) of each chat, in the order they joined. */
export async function loadParticipants(
  client: DbClient,
  chatIds: string[],
): Promise<Map<string, ParticipantDto[]>> {
  const byChat = new Map<string, ParticipantDto[]>(chatIds.map((id) => [id, []]));
  if (chatIds.length === 0) return byChat;
  const rows = await client.$queryRaw<ParticipantRow[]>`
    SELECT p."chatId", p."userId", u.name, u."avatarUrl", p.role, p."joinedAt",
           p."lastReadSeq", p."lastDeliveredSeq", pr.status AS "presenceStatus", pr."lastSeenAt"
    FROM "ChatParticipant" p
    JOIN "User" u ON u.id = p."userId"
    LEFT JOIN "UserPresence" pr ON pr."userId" = p."userId"
    WHERE p."chatId" = ANY(${chatIds}::uuid[]) AND p."leftAt" IS NULL
    ORDER BY p."joinedAt", p."userId"`;
  for (const row of rows) byChat.get(row.chatId)?.push(toParticipantDto(row));
  return byChat;
}

export async function loadChat(client: DbClient, chatId: string): Promise<ChatDto> {
  const [row] = await client.$queryRaw<
    ChatRow[]
  >`SELECT ${CHAT_COLUMNS} FROM "ChatSession" s WHERE s.id = ${chatId}::uuid`;
  // Callers load chats they have just checked or written; a miss means it was deleted meanwhile.
  if (!row) throw notInChat();
  const participants = await loadParticipants(client, [chatId]);
  return toChatDto(row, participants.get(chatId) ?? []);
}
