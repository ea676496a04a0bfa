import { db } from '../db';
import { inTransaction } from '../events/transaction';
import type { MessageDto } from './dto';
import { toMessageDto } from './dto/mappers';
import { reactionTarget, type ReactionOptions } from './add-reaction';
import { withReactionsOne } from './store/reactions';
import { NOW } from './store/sql';

/**
 * Takes back the caller's reaction; taking back one they did not make (or
 * on a deleted message, whose reactions went with it) changes nothing.
 * Allowed wherever the caller could delete their own message: taking back
 * adds nothing for anyone to see, so a closed or blocked chat or a mute does
 * not stop it.
 */
export async function removeReaction({
  userId,
  messageId,
  emoji,
  origin,
}: ReactionOptions): Promise<MessageDto> {
  const { stored, target } = await reactionTarget({ userId, messageId, emoji });
  if (!target.deletedAt) {
    await inTransaction(async (tx, events) => {
      // The message's row first, as a delete takes it before the reactions (store/tombstone.ts): no deadlock.
      await tx.$queryRaw`SELECT id FROM "ChatMessage" WHERE id = ${target.id}::uuid FOR UPDATE`;
      const removed = await tx.$executeRaw`
        DELETE FROM "MessageReaction"
        WHERE "messageId" = ${target.id}::uuid AND "userId" = ${userId}::uuid AND emoji = ${stored}`;
      if (removed === 0) return;
      await tx.$executeRaw`UPDATE "ChatMessage" SET "updatedAt" = ${NOW} WHERE id = ${target.id}::uuid`;
      events.push({
        type: 'reaction.removed',
        actor: { userId, origin },
        reaction: { chatId: target.chatId, messageId: target.id, emoji: stored, userId },
      });
    });
  }
  return withReactionsOne(db(), userId, toMessageDto(target));
}
