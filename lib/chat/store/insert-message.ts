// The one statement that appends messages to chats, for a single send, a
// group-committed batch of them (send-queue.ts) and SYSTEM messages alike:
// one plan, one round trip and one commit whatever the count. Per message it
// checks membership, a block between the two people of a direct chat, a
// closed chat, a muted sender, idempotency by (senderId, clientMessageId) and the reply target, takes the
// seq from the chat's lastSeq under its row lock (so seqs have no gaps among
// committed messages), inserts, and advances the sender's own read and
// delivery watermarks. A media message's attachments ride along as one more
// column (insert-media-message.ts), null for text.
import type { AttachmentDto, MentionDto, MessageType } from '../dto';
import { newId } from './ids';
import type { MessageRow } from '../dto/mappers';
import { sql, type DbClient, type Sql } from './sql';

export interface InsertMessageOptions {
  chatId: string;
  senderId: string;
  type: MessageType;
  content: string;
  clientMessageId?: string;
  replyToId?: string;
  /** Holds a word of the platform's flag list (lib/moderation). */
  flagged?: boolean;
  /** A media message's uploads (insert-media-message.ts claims them in the same transaction). */
  attachments?: AttachmentDto[];
  /** A copy of another chat's message (lib/chat/forward-message.ts). */
  forwarded?: boolean;
  /** Checked by the caller (rules/mentions.ts); stored as sent. */
  mentions?: MentionDto[];
}

export type InsertOutcome =
  | { kind: 'created' | 'existing'; row: MessageRow }
  | { kind: 'not_member' | 'blocked' | 'closed' | 'muted' | 'bad_reply' };

/**
 * Appends the message, or finds the sender's earlier message with the same
 * clientMessageId. A concurrent twin with the same clientMessageId makes this
 * throw a unique violation (and roll back): the caller runs it once more.
 */
export async function insertMessage(client: DbClient, options: InsertMessageOptions): Promise<InsertOutcome> {
  const [outcome] = await insertMessageBatch(client, [options]);
  return outcome ?? { kind: 'not_member' };
}

export interface OutcomeRow extends MessageRow {
  ord: bigint | number;
  isMember: boolean;
  isBlocked: boolean;
  isClosed: boolean;
  isMuted: boolean;
  replyOk: boolean;
  created: boolean;
}

/**
 * Outcomes in the order of `items`. The caller keeps two items with the same
 * sender and clientMessageId out of one batch; a concurrent twin elsewhere
 * makes the whole statement throw a unique violation and roll back.
 */
export async function insertMessageBatch(
  client: DbClient,
  items: readonly InsertMessageOptions[],
): Promise<InsertOutcome[]> {
  return outcomesOf(await client.$queryRaw<OutcomeRow[]>(insertMessageBatchSql(items)));
}

/**
 * The batch statement. Its text is the same whatever the batch (one array
 * parameter per column), so the send queue runs it as one prepared
 * statement (lib/db/prepared.ts).
 */
export function insertMessageBatchSql(items: readonly InsertMessageOptions[]): Sql {
  const column = <T>(pick: (item: InsertMessageOptions) => T) => items.map(pick);
  return sql`
    WITH input AS (
      SELECT * FROM unnest(
        ${column(() => newId())}::uuid[], ${column((m) => m.chatId)}::uuid[], ${column((m) => m.senderId)}::uuid[],
        ${column((m) => m.type)}::text[], ${column((m) => m.content)}::text[],
        ${column((m) => m.replyToId ?? null)}::uuid[], ${column((m) => m.clientMessageId ?? null)}::text[],
        ${column((m) => m.flagged ?? false)}::boolean[],
        ${column((m) => (m.attachments ? JSON.stringify(m.attachments) : null))}::jsonb[],
        ${column((m) => m.forwarded ?? false)}::boolean[],
        ${column((m) => (m.mentions?.length ? JSON.stringify(m.mentions) : null))}::jsonb[]
      ) WITH ORDINALITY AS i(id, "chatId", "senderId", type, content, "replyToId", "clientMessageId", flagged, attachments, forwarded, mentions, ord)
    ), checked AS (
      SELECT i.*,
        EXISTS (
          SELECT 1 FROM "ChatParticipant" p
          WHERE p."chatId" = i."chatId" AND p."userId" = i."senderId" AND p."leftAt" IS NULL
        ) AS "isMember",
        -- A direct chat whose two people have a block between them, either way,
        -- or whose other person's account was erased: it has ended.
        EXISTS (
          SELECT 1 FROM "ChatSession" s
          JOIN "ChatParticipant" o ON o."chatId" = s.id AND o."userId" <> i."senderId"
          JOIN "UserBlock" b
            ON (b."blockerId" = o."userId" AND b."blockedId" = i."senderId")
            OR (b."blockerId" = i."senderId" AND b."blockedId" = o."userId")
          WHERE s.id = i."chatId" AND s.type = 'DIRECT'
        ) OR EXISTS (
          SELECT 1 FROM "ChatSession" s
          JOIN "ChatParticipant" o ON o."chatId" = s.id AND o."userId" <> i."senderId"
          JOIN "User" ou ON ou.id = o."userId" AND ou."erasedAt" IS NOT NULL
          WHERE s.id = i."chatId" AND s.type = 'DIRECT'
        ) AS "isBlocked",
        EXISTS (SELECT 1 FROM "ChatSession" s WHERE s.id = i."chatId" AND s."closedAt" IS NOT NULL) AS "isClosed",
        EXISTS (
          SELECT 1 FROM "User" u
          WHERE u.id = i."senderId" AND u."mutedUntil" > (clock_timestamp() AT TIME ZONE 'UTC')
        ) AS "isMuted",
        i."replyToId" IS NULL OR EXISTS (
          SELECT 1 FROM "ChatMessage" r WHERE r.id = i."replyToId" AND r."chatId" = i."chatId"
        ) AS "replyOk",
        e.id AS "existingId"
      FROM input i
      LEFT JOIN "ChatMessage" e ON e."senderId" = i."senderId" AND e."clientMessageId" = i."clientMessageId"
    ), accepted AS (
      SELECT c.*, row_number() OVER (PARTITION BY c."chatId" ORDER BY c.ord) AS rn
      FROM checked c
      WHERE c."isMember" AND NOT c."isBlocked" AND NOT c."isClosed" AND NOT c."isMuted" AND c."replyOk"
        AND c."existingId" IS NULL
    ), locked AS (
      -- Chats are locked in id order, so two batches never wait on each other in a cycle.
      SELECT s.id FROM "ChatSession" s
      WHERE s.id IN (SELECT "chatId" FROM accepted)
      ORDER BY s.id
      FOR NO KEY UPDATE
    ), bump AS (
      UPDATE "ChatSession" s
      SET "lastSeq" = s."lastSeq" + n.count,
          "lastMessageAt" = GREATEST(clock_timestamp() AT TIME ZONE 'UTC', s."lastMessageAt")
      FROM (SELECT "chatId", count(*) AS count FROM accepted GROUP BY "chatId") n
      WHERE s.id = n."chatId" AND s.id IN (SELECT id FROM locked)
      RETURNING s.id, s."lastSeq" - n.count AS base, s."lastMessageAt", s."disappearAfterSeconds"
    ), inserted AS (
      -- The chat's disappearing timer, read under its lock, dates every message but notices.
      INSERT INTO "ChatMessage"
        (id, "chatId", seq, "senderId", type, content, attachments, mentions, "replyToId", "clientMessageId", flagged,
         forwarded, "expiresAt", "createdAt", "updatedAt")
      SELECT a.id, a."chatId", b.base + a.rn, a."senderId", a.type::"MessageType", a.content, a.attachments, a.mentions,
             a."replyToId", a."clientMessageId", a.flagged, a.forwarded,
             CASE WHEN a.type <> 'SYSTEM' AND b."disappearAfterSeconds" IS NOT NULL
                  THEN b."lastMessageAt" + make_interval(secs => b."disappearAfterSeconds") END,
             b."lastMessageAt", b."lastMessageAt"
      FROM accepted a JOIN bump b ON b.id = a."chatId"
      RETURNING *
    ), watermark AS (
      UPDATE "ChatParticipant" p
      SET "lastReadSeq" = GREATEST(p."lastReadSeq", w.seq), "lastReadAt" = w.at,
          "lastDeliveredSeq" = GREATEST(p."lastDeliveredSeq", w.seq), "lastDeliveredAt" = w.at
      FROM (
        SELECT "chatId", "senderId", max(seq) AS seq, max("createdAt") AS at FROM inserted GROUP BY 1, 2
      ) w
      WHERE p."chatId" = w."chatId" AND p."userId" = w."senderId"
    )
    SELECT m.*, c.ord, c."isMember", c."isBlocked", c."isClosed", c."isMuted", c."replyOk",
           ins.id IS NOT NULL AS created
    FROM checked c
    LEFT JOIN inserted ins ON ins.id = c.id
    LEFT JOIN "ChatMessage" e ON e.id = c."existingId"
    LEFT JOIN LATERAL (SELECT ins.* WHERE ins.id IS NOT NULL UNION ALL SELECT e.* WHERE e.id IS NOT NULL) m ON true
    ORDER BY c.ord`;
}

/** The statement's rows as outcomes, in the order of its items. */
export function outcomesOf(rows: OutcomeRow[]): InsertOutcome[] {
  return rows.map((row): InsertOutcome => {
    if (!row.isMember) return { kind: 'not_member' };
    if (row.id !== null) return { kind: row.created ? 'created' : 'existing', row };
    if (row.isClosed) return { kind: 'closed' };
    if (row.isBlocked) return { kind: 'blocked' };
    if (row.isMuted) return { kind: 'muted' };
    return { kind: 'bad_reply' };
  });
}
