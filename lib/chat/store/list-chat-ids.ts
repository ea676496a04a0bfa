import { db } from '../../db';
import { sql } from './sql';

/**
 * A DIRECT chat of `p`'s whose two people have a block between them, either
 * way: it stays listed, but its live events reach neither.
 */
const BLOCKED_DIRECT = sql`
  s.type = 'DIRECT' AND EXISTS (
    SELECT 1 FROM "ChatParticipant" o JOIN "UserBlock" b
      ON (b."blockerId" = o."userId" AND b."blockedId" = p."userId")
      OR (b."blockerId" = p."userId" AND b."blockedId" = o."userId")
    WHERE o."chatId" = s.id AND o."userId" <> p."userId")`;

/** A direct chat one of its people closed: listed and readable, but quiet. */
const CLOSED = sql`s."closedAt" IS NOT NULL`;

/** Ids of the chats the user takes part in now (hidden DIRECT chats included: they still receive). */
export async function listChatIds({ userId }: { userId: string }): Promise<string[]> {
  const rows = await db().chatParticipant.findMany({
    where: { userId, leftAt: null },
    select: { chatId: true },
  });
  return rows.map((r) => r.chatId);
}

/**
 * Ids of the chats whose live events reach the user (their sockets' rooms):
 * those they take part in, less a direct chat with someone either of them
 * blocks and a closed one. That chat stays theirs (listed, synced,
 * readable); it only goes quiet.
 */
export async function listLiveChatIds({ userId }: { userId: string }): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ chatId: string }>>`
    SELECT p."chatId" FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
      AND NOT (${BLOCKED_DIRECT}) AND NOT (${CLOSED})`;
  return rows.map((r) => r.chatId);
}

/**
 * Whether the user takes part in the chat now: 'closed' for a closed direct
 * chat, 'blocked' for one with a block between the two.
 */
export async function participation({
  userId,
  chatId,
}: {
  userId: string;
  chatId: string;
}): Promise<'member' | 'blocked' | 'closed' | null> {
  const [row] = await db().$queryRaw<Array<{ blocked: boolean; closed: boolean }>>`
    SELECT ${BLOCKED_DIRECT} AS blocked, ${CLOSED} AS closed
    FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL`;
  if (!row) return null;
  if (row.closed) return 'closed';
  return row.blocked ? 'blocked' : 'member';
}

/** The current participants' ids. */
export async function listParticipantIds({ chatId }: { chatId: string }): Promise<string[]> {
  const rows = await db().chatParticipant.findMany({
    where: { chatId, leftAt: null },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
