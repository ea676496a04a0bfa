import { db } from '../db';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { assertNotMuted } from '../users/sanctions';
import { COST, spend } from '../user-budget';
import type { MessageDto } from './dto';
import { toMessageDto } from './dto/mappers';
import { chatClosed, chatEnded, requireVisibleMessage } from './rules/access';
import { MAX_REACTIONS_PER_MESSAGE, requireEmoji } from './rules/emoji';
import { participation } from './store/list-chat-ids';
import { withReactionsOne } from './store/reactions';
import { NOW, sql } from './store/sql';

export interface ReactionOptions {
  userId: string;
  messageId: string;
  /** As sent: one emoji, checked and normalised here. */
  emoji: string;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Adds the caller's reaction to a message; adding one they already made
 * changes nothing and announces nothing. Refused where a send would be: a
 * closed direct chat, one with a block between its two people, while a
 * moderator's mute lasts; and on a deleted message or a notice from the group.
 * A message takes at most MAX_REACTIONS_PER_MESSAGE different emoji.
 * Returns the message with its reactions as the caller sees them.
 */
export async function addReaction({
  userId,
  messageId,
  emoji,
  origin,
}: ReactionOptions): Promise<MessageDto> {
  const { stored, target } = await reactionTarget({ userId, messageId, emoji });
  if (target.type === 'SYSTEM')
    throw new AppError('FORBIDDEN', 'Notices from the group cannot take reactions.');
  if (target.deletedAt) throw deleted();
  if (target.chatClosed) throw chatClosed();
  await assertNotMuted(userId);
  if (
    target.chatType === 'DIRECT' &&
    (await participation({ userId, chatId: target.chatId })) === 'blocked'
  ) {
    throw chatEnded();
  }
  await inTransaction(async (tx, events) => {
    // The message's row lock orders reactions to it, so the cap holds under races, and a delete cannot slip in.
    const [live] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "ChatMessage" WHERE id = ${target.id}::uuid AND "deletedAt" IS NULL FOR UPDATE`;
    if (!live) throw deleted();
    const [state] = await tx.$queryRaw<Array<{ kinds: number; has: boolean | null }>>`
      SELECT count(DISTINCT emoji)::int AS kinds, bool_or(emoji = ${stored}) AS has
      FROM "MessageReaction" WHERE "messageId" = ${target.id}::uuid`;
    if (!state?.has && (state?.kinds ?? 0) >= MAX_REACTIONS_PER_MESSAGE) {
      throw new AppError(
        'CONFLICT',
        `This message already has ${MAX_REACTIONS_PER_MESSAGE} different reactions: react with one of them.`,
      );
    }
    const added = await tx.$executeRaw`
      INSERT INTO "MessageReaction" ("messageId", "userId", emoji, "chatId", "createdAt")
      VALUES (${target.id}::uuid, ${userId}::uuid, ${stored}, ${target.chatId}::uuid, ${CLOCK})
      ON CONFLICT DO NOTHING`;
    if (added === 0) return;
    // Sync returns messages whose updatedAt moved: this is how a reconnecting client catches up.
    await tx.$executeRaw`UPDATE "ChatMessage" SET "updatedAt" = ${NOW} WHERE id = ${target.id}::uuid`;
    events.push({
      type: 'reaction.added',
      actor: { userId, origin },
      reaction: { chatId: target.chatId, messageId: target.id, emoji: stored, userId },
    });
  });
  return withReactionsOne(db(), userId, toMessageDto(target));
}

/**
 * What adding and taking back a reaction both start with: the write budget,
 * the emoji checked and normalised, and the message, which the caller must
 * be able to see (404 otherwise).
 */
export async function reactionTarget({ userId, messageId, emoji }: Omit<ReactionOptions, 'origin'>) {
  await spend(userId, 'write', COST.react);
  const stored = requireEmoji(emoji);
  const target = await requireVisibleMessage(db(), { messageId, userId });
  return { stored, target };
}

/**
 * The wall clock, not the transaction's start: the chat list compares it
 * with lastMessageAt, which sends set the same way (store/insert-message.ts).
 */
const CLOCK = sql`(clock_timestamp() AT TIME ZONE 'UTC')`;

function deleted(): AppError {
  return new AppError('CONFLICT', 'This message was deleted.');
}
