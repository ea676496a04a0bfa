import { AppError } from '../errors';
import type { SendMessageInput } from '../validations/chat';
import { completeSend, type Sent } from './complete-send';
import { notInChat } from './rules/access';
import { screenContent } from '../moderation/screen-content';
import { assertContentLength } from './rules/content';
import { assertMentionable, checkMentionRanges } from './rules/mentions';
import { db } from '../db';
import { isId } from './store/ids';
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
export async function sendMessage({ userId, chatId, input, origin }: SendMessageOptions): Promise<Sent> {
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
  return completeSend({
    userId,
    chatId,
    clientMessageId: input.clientMessageId,
    origin,
    insert,
    again: () => sendMessage({ userId, chatId, input, origin }),
    badReply: () => new AppError('VALIDATION', 'replyToId: The message you reply to is not in this chat.'),
  });
}
