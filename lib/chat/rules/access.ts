// Who may touch a chat or a message. Every service goes through here, and
// every refusal for a chat the caller is not in reads the same as for a chat
// that does not exist, so ids cannot be probed.
import { env } from '../../env';
import { AppError } from '../../errors';
import type { ChatType, Role } from '../dto';
import { isId } from '../store/ids';
import type { MessageRow } from '../dto/mappers';
import { NOW, sql, type DbClient, type Sql } from '../store/sql';

export interface Participation {
  chatId: string;
  userId: string;
  role: Role;
  chatType: ChatType;
  lastSeq: number;
  lastReadSeq: number;
  lastReadAt: Date | null;
  lastDeliveredSeq: number;
}

export function notInChat(): AppError {
  return new AppError('NOT_FOUND', 'This chat does not exist or you are not in it.');
}

export function noSuchUser(): AppError {
  return new AppError('NOT_FOUND', 'There is no user with this id.');
}

/**
 * A direct chat with a block between its two people. The same words whoever
 * blocked whom: the blocked person is not told it was a block.
 */
export function chatEnded(): AppError {
  return new AppError('BLOCKED', 'This chat has ended: no more messages can be sent in it.');
}

/** A direct chat one of its people closed (unmatched). */
export function chatClosed(): AppError {
  return new AppError('CHAT_CLOSED', 'This chat has ended: no more messages can be sent in it.');
}

export function messageNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This message does not exist or you cannot see it.');
}

/** The caller's current (not left) participation in the chat, or 404. */
export async function requireParticipant(
  tx: DbClient,
  chatId: string,
  userId: string,
): Promise<Participation> {
  if (!isId(chatId)) throw notInChat();
  const [row] = await tx.$queryRaw<Participation[]>`
    SELECT p."chatId", p."userId", p.role, s.type AS "chatType", s."lastSeq",
           p."lastReadSeq", p."lastReadAt", p."lastDeliveredSeq"
    FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL`;
  if (!row) throw notInChat();
  return row;
}

/**
 * Serialises changes to a chat's membership and roles (two admins leaving at
 * once must not leave the group without one). Take it first in the
 * transaction, then read the participants: the reads then see what the
 * previous holder committed.
 */
export async function lockChat(tx: DbClient, chatId: string): Promise<void> {
  if (!isId(chatId)) throw notInChat();
  await tx.$queryRaw`SELECT 1 FROM "ChatSession" WHERE id = ${chatId}::uuid FOR NO KEY UPDATE`;
}

export interface VisibleMessage extends MessageRow {
  /** The caller's role in the message's chat. */
  actorRole: Role;
  chatType: ChatType;
  /** Still within EDIT_WINDOW_SECONDS of createdAt, by the database clock. */
  editable: boolean;
  /** The chat was closed (unmatched). */
  chatClosed: boolean;
}

/** A message in a chat the caller currently takes part in, or 404. */
export async function requireVisibleMessage(
  client: DbClient,
  { messageId, userId }: { messageId: string; userId: string },
): Promise<VisibleMessage> {
  if (!isId(messageId)) throw messageNotFound();
  const [row] = await client.$queryRaw<VisibleMessage[]>`
    SELECT m.*, p.role AS "actorRole", s.type AS "chatType", s."closedAt" IS NOT NULL AS "chatClosed",
           m."createdAt" > ${editCutoff()} AS editable
    FROM "ChatMessage" m
    JOIN "ChatSession" s ON s.id = m."chatId"
    JOIN "ChatParticipant" p ON p."chatId" = m."chatId" AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
    WHERE m.id = ${messageId}::uuid`;
  if (!row) throw messageNotFound();
  return row;
}

/** Messages created after this instant may still be edited (EDIT_WINDOW_SECONDS ago, by the database clock). */
export function editCutoff(): Sql {
  return sql`(${NOW} - make_interval(secs => ${env().EDIT_WINDOW_SECONDS}))`;
}
