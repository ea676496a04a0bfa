import { db } from '../db';
import { AppError } from '../errors';
import { announce } from '../events/bus';
import { requireVisibleMessage } from './rules/access';
import type { MessageDto } from './dto';
import { toMessageDto, type MessageRow } from './dto/mappers';
import { withReactionsOne } from './store/reactions';
import { participation } from './store/list-chat-ids';
import { NOW } from './store/sql';
import { COST, spend } from '../user-budget';

export interface MarkVoicePlayedOptions {
  userId: string;
  messageId: string;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * The other person of a direct chat played a voice message: its upload's
 * playedAt is set once, and the message's attachment shows it, so the
 * sender sees "played" live (message_edited) and after a reconnect (sync's
 * changed messages). Anything else is acknowledged and changes nothing: the
 * sender's own plays, plays in groups (no one is told who listened), in a
 * closed chat or one with a block, of a deleted message, and plays after the
 * first. Returns the message as it stands.
 */
export async function markVoicePlayed({
  userId,
  messageId,
  origin,
}: MarkVoicePlayedOptions): Promise<MessageDto> {
  await spend(userId, 'write', COST.markRead);
  const target = await requireVisibleMessage(db(), { messageId, userId });
  if (target.type !== 'VOICE') throw new AppError('VALIDATION', 'Only a voice message can be marked played.');
  const told =
    target.senderId !== userId &&
    target.chatType === 'DIRECT' &&
    !target.deletedAt &&
    (await participation({ userId, chatId: target.chatId })) === 'member';
  if (!told) return withReactionsOne(db(), userId, toMessageDto(target));
  // The message's row is locked first, as a delete locks it (store/tombstone.ts), so the two cannot deadlock.
  const [row] = await db().$queryRaw<MessageRow[]>`
    WITH message AS (
      SELECT id FROM "ChatMessage" WHERE id = ${target.id}::uuid AND "deletedAt" IS NULL FOR UPDATE
    ), played AS (
      UPDATE "Upload" SET "playedAt" = ${NOW}
      WHERE "messageId" IN (SELECT id FROM message) AND kind = 'VOICE'
        AND "playedAt" IS NULL AND "deletedAt" IS NULL
      RETURNING "playedAt"
    )
    UPDATE "ChatMessage" m
    SET attachments = jsonb_set(
          m.attachments, '{0,playedAt}', to_jsonb(to_char(p."playedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        ),
        "updatedAt" = ${NOW}
    FROM played p
    WHERE m.id = ${target.id}::uuid AND jsonb_typeof(m.attachments) = 'array'
    RETURNING m.*`;
  // Played before, or deleted a moment ago.
  if (!row) {
    return withReactionsOne(
      db(),
      userId,
      toMessageDto(await requireVisibleMessage(db(), { messageId, userId })),
    );
  }
  const message = toMessageDto(row);
  announce({ type: 'message.edited', actor: { userId, origin }, message });
  return withReactionsOne(db(), userId, message);
}
