// The one statement that appends a message to a chat, used by sendMessage
// and by SYSTEM messages. A single statement is a single transaction and a
// single round trip: it checks membership, idempotency and the reply target,
// bumps the chat's lastSeq (the row lock serialises senders, so seqs have no
// gaps among committed messages), inserts the message with that seq and
// advances the sender's own read and delivery watermarks.
import type { MessageType } from './dto';
import { newId } from './ids';
import type { MessageRow } from './mappers';
import type { DbClient } from './sql';

export interface InsertMessageOptions {
  chatId: string;
  senderId: string;
  type: MessageType;
  content: string;
  clientMessageId?: string;
  replyToId?: string;
}

export type InsertOutcome =
  { kind: 'created' | 'existing'; row: MessageRow } | { kind: 'not_member' | 'bad_reply' };

interface OutcomeRow extends MessageRow {
  isMember: boolean;
  replyOk: boolean;
  created: boolean;
}

/**
 * Appends the message, or finds the sender's earlier message with the same
 * clientMessageId. A concurrent twin with the same clientMessageId makes this
 * throw a unique violation (and roll back): the caller runs it once more.
 */
export async function insertMessage(client: DbClient, options: InsertMessageOptions): Promise<InsertOutcome> {
  const { chatId, senderId, type, content } = options;
  const clientMessageId = options.clientMessageId ?? null;
  const replyToId = options.replyToId ?? null;
  const [row] = await client.$queryRaw<OutcomeRow[]>`
    WITH existing AS (
      SELECT * FROM "ChatMessage"
      WHERE "senderId" = ${senderId}::uuid AND "clientMessageId" = ${clientMessageId}::text
    ), member AS (
      SELECT 1 FROM "ChatParticipant"
      WHERE "chatId" = ${chatId}::uuid AND "userId" = ${senderId}::uuid AND "leftAt" IS NULL
    ), reply AS (
      SELECT ${replyToId}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM "ChatMessage" WHERE id = ${replyToId}::uuid AND "chatId" = ${chatId}::uuid
      ) AS ok
    ), bump AS (
      UPDATE "ChatSession" s
      SET "lastSeq" = s."lastSeq" + 1,
          -- clock_timestamp(), read once the row lock is held, keeps time in seq order.
          "lastMessageAt" = GREATEST(clock_timestamp() AT TIME ZONE 'UTC', s."lastMessageAt")
      WHERE s.id = ${chatId}::uuid
        AND EXISTS (SELECT 1 FROM member)
        AND NOT EXISTS (SELECT 1 FROM existing)
        AND (SELECT ok FROM reply)
      RETURNING s."lastSeq", s."lastMessageAt"
    ), inserted AS (
      INSERT INTO "ChatMessage"
        (id, "chatId", seq, "senderId", type, content, "replyToId", "clientMessageId", "createdAt", "updatedAt")
      SELECT ${newId()}::uuid, ${chatId}::uuid, b."lastSeq", ${senderId}::uuid, ${type}::"MessageType",
             ${content}, ${replyToId}::uuid, ${clientMessageId}::text, b."lastMessageAt", b."lastMessageAt"
      FROM bump b
      RETURNING *
    ), watermark AS (
      UPDATE "ChatParticipant" p
      SET "lastReadSeq" = GREATEST(p."lastReadSeq", i.seq), "lastReadAt" = i."createdAt",
          "lastDeliveredSeq" = GREATEST(p."lastDeliveredSeq", i.seq), "lastDeliveredAt" = i."createdAt"
      FROM inserted i
      WHERE p."chatId" = i."chatId" AND p."userId" = i."senderId"
    )
    SELECT m.*, EXISTS (SELECT 1 FROM member) AS "isMember", (SELECT ok FROM reply) AS "replyOk",
           EXISTS (SELECT 1 FROM inserted) AS created
    FROM (SELECT * FROM inserted UNION ALL SELECT * FROM existing) m
    RIGHT JOIN (SELECT 1) AS always ON true`;
  if (!row?.isMember) return { kind: 'not_member' };
  if (row.id !== null) return { kind: row.created ? 'created' : 'existing', row };
  return { kind: 'bad_reply' };
}
