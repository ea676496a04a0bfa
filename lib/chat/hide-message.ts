import { db } from '../db';
import { announce } from '../events/bus';
import { requireVisibleMessage } from './rules/access';
import type { HiddenMessageDto } from './dto';
import { NOW } from './store/sql';
import { COST, spend } from '../user-budget';

export interface HideMessageOptions {
  userId: string;
  messageId: string;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Delete for me: hides a message the caller can see (their own or anyone's,
 * a tombstone or a notice too) from their own history, sync, search, unread
 * counts and chat list; nobody else's view changes. Hiding again answers the
 * first hide and announces nothing.
 */
export async function hideMessage({
  userId,
  messageId,
  origin,
}: HideMessageOptions): Promise<HiddenMessageDto> {
  await spend(userId, 'write', COST.delete);
  const target = await requireVisibleMessage(db(), { messageId, userId });
  const [row] = await db().$queryRaw<Array<{ hiddenAt: Date; created: boolean }>>`
    WITH added AS (
      INSERT INTO "HiddenMessage" ("userId", "messageId", "chatId", "hiddenAt")
      VALUES (${userId}::uuid, ${target.id}::uuid, ${target.chatId}::uuid, ${NOW})
      ON CONFLICT DO NOTHING
      RETURNING "hiddenAt"
    )
    SELECT "hiddenAt", true AS created FROM added
    UNION ALL
    SELECT "hiddenAt", false FROM "HiddenMessage"
    WHERE "userId" = ${userId}::uuid AND "messageId" = ${target.id}::uuid AND NOT EXISTS (SELECT 1 FROM added)`;
  const hidden = {
    chatId: target.chatId,
    messageId: target.id,
    hiddenAt: (row?.hiddenAt ?? new Date()).toISOString(),
  };
  if (row?.created) announce({ type: 'message.hidden', actor: { userId, origin }, userId, hidden });
  return hidden;
}
