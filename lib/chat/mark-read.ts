import { db } from '../db';
import { requestQuery } from '../db/prepared';
import { AppError, retryOnWriteConflict } from '../errors';
import { announce } from '../events/bus';
import { requireParticipant } from './rules/access';
import type { ReadReceiptDto } from './dto';
import { isId, newId } from './store/ids';
import { NOW, sql } from './store/sql';
import { COST, spend } from '../user-budget';

export interface MarkReadOptions {
  userId: string;
  chatId: string;
  /** Read up to and including this message; the chat's latest message by default. */
  upToMessageId?: string;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Moves the caller's read watermark up (never down), and the delivery
 * watermark with it. Only a move is recorded (a MessageRead row) and
 * announced (messages_read); otherwise the current watermark is returned.
 */
export async function markRead({
  userId,
  chatId,
  upToMessageId,
  origin,
}: MarkReadOptions): Promise<ReadReceiptDto> {
  await spend(userId, 'write', COST.markRead);
  const messageId = upToMessageId ?? null;
  if (messageId !== null && !isId(messageId)) throw unknownMessage();
  // One statement when the watermark moves, which is the common case. It can
  // deadlock with the group being deleted at that moment: then it runs again.
  const [moved] = isId(chatId)
    ? await retryOnWriteConflict(() =>
        requestQuery<{ lastReadSeq: number; lastReadAt: Date }>(sql`
        WITH target AS (
          SELECT CASE WHEN ${messageId}::uuid IS NULL THEN s."lastSeq"
                      ELSE (SELECT m.seq FROM "ChatMessage" m WHERE m.id = ${messageId}::uuid AND m."chatId" = s.id)
                 END AS seq
          FROM "ChatSession" s WHERE s.id = ${chatId}::uuid
        ), moved AS (
          UPDATE "ChatParticipant" p
          SET "lastReadSeq" = t.seq, "lastReadAt" = ${NOW},
              "lastDeliveredSeq" = GREATEST(p."lastDeliveredSeq", t.seq),
              "lastDeliveredAt" = CASE WHEN t.seq > p."lastDeliveredSeq" THEN ${NOW} ELSE p."lastDeliveredAt" END
          FROM target t
          WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${userId}::uuid AND p."leftAt" IS NULL
            AND t.seq > p."lastReadSeq"
          RETURNING p."lastReadSeq", p."lastReadAt"
        ), logged AS (
          INSERT INTO "MessageRead" (id, "chatId", "userId", "upToSeq", "readAt")
          SELECT ${newId()}::uuid, ${chatId}::uuid, ${userId}::uuid, "lastReadSeq", "lastReadAt" FROM moved
        )
        SELECT "lastReadSeq", "lastReadAt" FROM moved`),
      )
    : [];
  if (moved) {
    const receipt = {
      chatId: chatId.toLowerCase(),
      userId,
      upToSeq: moved.lastReadSeq,
      readAt: moved.lastReadAt.toISOString(),
    };
    announce({ type: 'receipt.moved', actor: { userId, origin }, receipt });
    return receipt;
  }
  // Nothing moved: say why (not in the chat, a message from elsewhere), or report where it stands.
  const me = await requireParticipant(db(), chatId, userId);
  if (messageId !== null) {
    const inChat = await db().chatMessage.count({ where: { id: messageId, chatId: me.chatId } });
    if (inChat === 0) throw unknownMessage();
  }
  return {
    chatId: me.chatId,
    userId,
    upToSeq: me.lastReadSeq,
    readAt: (me.lastReadAt ?? new Date()).toISOString(),
  };
}

function unknownMessage(): AppError {
  return new AppError('VALIDATION', 'upToMessageId: There is no such message in this chat.');
}
