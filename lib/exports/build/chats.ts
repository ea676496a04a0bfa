// The chats an export covers: one, or every chat the person is or was in.
import { empty, sql } from '../../chat/store/sql';
import { db } from '../../db';

export interface ExportChat {
  id: string;
  type: string;
  /** The group's name, or for a direct chat the other person's. */
  title: string;
  name: string | null;
  description: string | null;
  createdAt: Date;
  lastSeq: number;
  joinedAt: Date;
  leftAt: Date | null;
}

export async function chatsOf(userId: string, chatId: string | null): Promise<ExportChat[]> {
  const only = chatId ? sql`AND s.id = ${chatId}::uuid` : empty;
  const rows = await db().$queryRaw<Array<Omit<ExportChat, 'title'> & { others: string | null }>>`
    SELECT s.id, s.type::text AS type, s.name, s.description, s."createdAt", s."lastSeq", p."joinedAt", p."leftAt",
      (SELECT string_agg(u.name, ', ' ORDER BY u.name) FROM "ChatParticipant" o JOIN "User" u ON u.id = o."userId"
       WHERE o."chatId" = s.id AND o."userId" <> ${userId}::uuid) AS others
    FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."userId" = ${userId}::uuid ${only}
    ORDER BY s."createdAt", s.id`;
  return rows.map(({ others, ...chat }) => ({
    ...chat,
    title: chat.name ?? (others || (chat.type === 'DIRECT' ? 'Direct chat' : 'Group')),
  }));
}

/** Who is in the chat now, for its chat.json. */
export async function membersOf(chatId: string): Promise<Array<{ id: string; name: string; role: string }>> {
  return db().$queryRaw`
    SELECT u.id, u.name, p.role::text AS role FROM "ChatParticipant" p JOIN "User" u ON u.id = p."userId"
    WHERE p."chatId" = ${chatId}::uuid AND p."leftAt" IS NULL ORDER BY u.name, u.id`;
}
