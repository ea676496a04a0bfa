import { AppError, isUniqueViolation, isWriteConflict } from '../errors';
import { announce } from '../events/bus';
import type { SendMessageInput } from '../validations/chat';
import { chatClosed, chatEnded, notInChat } from './rules/access';
import { assertNotMuted } from '../users/sanctions';
import { screenContent } from '../moderation/screen-content';
import { assertContentLength } from './rules/content';
import { assertMentionable, checkMentionRanges } from './rules/mentions';
import { db } from '../db';
import type { MessageDto } from './dto';
import { isId } from './store/ids';
import type { InsertOutcome } from './store/insert-message';
import { toMessageDto } from './dto/mappers';
import { insertMediaMessage } from './store/insert-media-message';
import { queueInsertMessage } from './store/send-queue';
import { COST, spend } from '../user-budget';

export interface SendMessageOptions {
  userId: string;
  chatId: string;
  input: SendMessageInput;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Stores a message as sent and announces it. Idempotent per sender and
 * clientMessageId: a retry returns the first message with created: false.
 * The platform word filter runs first (lib/moderation/screen-content.ts):
 * a BLOCK word refuses it, a FLAG word needs `confirmed`.
 * The hot path: one statement shared with the sends around it (send-queue.ts),
 * two on a retry race. A photo, file or voice message takes its own
 * transaction, which also attaches its uploads (store/insert-media-message.ts).
 */
export async function sendMessage({
  userId,
  chatId,
  input,
  origin,
}: SendMessageOptions): Promise<{ message: MessageDto; created: boolean }> {
  await spend(userId, 'write', COST.send);
  assertContentLength(input.content);
  // In memory: a blocked word or an unconfirmed flagged one costs no query.
  const { flagged } = await screenContent(input.content, input.confirmed);
  if (!isId(chatId)) throw notInChat();
  const mentions = checkMentionRanges(input.content, input.mentions ?? [], userId);
  if (mentions.length > 0) {
    await assertMentionable(db(), { chatId, senderId: userId, userIds: mentions.map((m) => m.userId) });
  }
  const item = {
    chatId,
    senderId: userId,
    content: input.content,
    clientMessageId: input.clientMessageId,
    replyToId: input.replyToId,
    flagged,
    mentions,
  };
  const { type } = input;
  const insert = () =>
    type === 'TEXT'
      ? queueInsertMessage({ ...item, type })
      : insertMediaMessage({ ...item, type, attachmentIds: input.attachmentIds ?? [] });
  let outcome: InsertOutcome;
  try {
    outcome = await insert();
  } catch (error) {
    // A twin with the same clientMessageId committed first, or PostgreSQL
    // broke a deadlock by aborting ours. Either way ours rolled back whole
    // (seq included); asking again finds the twin or writes the message.
    const twin = input.clientMessageId !== undefined && isUniqueViolation(error);
    if (!twin && !isWriteConflict(error)) throw error;
    outcome = await insert();
  }
  switch (outcome.kind) {
    case 'not_member':
      throw notInChat();
    case 'blocked':
      throw chatEnded();
    case 'closed':
      throw chatClosed();
    case 'muted':
      await assertNotMuted(userId);
      // The mute ended a moment ago: this send may go through.
      return sendMessage({ userId, chatId, input, origin });
    case 'bad_reply':
      throw new AppError('VALIDATION', 'replyToId: The message you reply to is not in this chat.');
    case 'existing':
      if (outcome.row.chatId !== chatId.toLowerCase()) {
        throw new AppError(
          'CONFLICT',
          'clientMessageId: You already used this id for a message in another chat.',
        );
      }
      return { message: toMessageDto(outcome.row), created: false };
    case 'created': {
      const message = toMessageDto(outcome.row);
      announce({ type: 'message.sent', actor: { userId, origin }, message });
      return { message, created: true };
    }
  }
}
