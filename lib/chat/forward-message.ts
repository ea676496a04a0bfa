import { db } from '../db';
import { AppError } from '../errors';
import { screenContent } from '../moderation/screen-content';
import type { ForwardMessageInput } from '../validations/chat';
import { completeSend, type Sent } from './complete-send';
import { notInChat, requireVisibleMessage } from './rules/access';
import { assertContentLength } from './rules/content';
import type { AttachmentDto } from './dto';
import { insertUploadCopies, planUploadCopies } from './store/copy-uploads';
import { isId } from './store/ids';
import { insertMessage, type InsertMessageOptions, type InsertOutcome } from './store/insert-message';
import { queueInsertMessage } from './store/send-queue';
import { COST, spend } from '../user-budget';

export interface ForwardMessageOptions {
  userId: string;
  /** The message to forward: one the caller can see (404 otherwise). */
  messageId: string;
  input: ForwardMessageInput;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Sends a copy of a message to another chat the caller is in, as their own
 * message with `forwarded: true`: the text, and for a photo, file or voice
 * message the same stored media (copy-uploads.ts). It does not say where
 * it came from or who wrote it. It is a send in the target chat in every
 * way: membership, blocks, a closed chat, a mute, the word filter, the
 * write budget, the chat's disappearing timer and idempotency by
 * clientMessageId. Deleted messages and notices cannot be forwarded.
 */
export async function forwardMessage({
  userId,
  messageId,
  input,
  origin,
}: ForwardMessageOptions): Promise<Sent> {
  await spend(userId, 'write', COST.send);
  const source = await requireVisibleMessage(db(), { messageId, userId });
  if (source.type === 'SYSTEM')
    throw new AppError('VALIDATION', 'Notices from the group cannot be forwarded.');
  if (source.deletedAt) throw new AppError('CONFLICT', 'This message was deleted.');
  const { chatId } = input;
  if (!isId(chatId)) throw notInChat();
  assertContentLength(source.content);
  const { flagged } = await screenContent(source.content, input.confirmed);
  const item: InsertMessageOptions = {
    chatId,
    senderId: userId,
    type: source.type,
    content: source.content,
    clientMessageId: input.clientMessageId,
    flagged,
    forwarded: true,
  };
  const attachments = (source.attachments as AttachmentDto[] | null) ?? [];
  const insert = () =>
    source.type === 'TEXT' ? queueInsertMessage(item) : insertWithMedia(item, source.id, attachments);
  return completeSend({
    userId,
    chatId,
    clientMessageId: input.clientMessageId,
    origin,
    insert,
    again: () => forwardMessage({ userId, messageId, input, origin }),
    badReply: notInChat,
  });
}

/** The message and its copies of the original's uploads, in one transaction. */
function insertWithMedia(
  item: InsertMessageOptions,
  sourceId: string,
  attachments: AttachmentDto[],
): Promise<InsertOutcome> {
  return db().$transaction(async (tx) => {
    const plan = await planUploadCopies(tx, sourceId, attachments);
    const outcome = await insertMessage(tx, { ...item, attachments: plan.attachments });
    if (outcome.kind !== 'created') return outcome;
    await insertUploadCopies(tx, plan.copies, {
      uploaderId: item.senderId,
      chatId: item.chatId,
      messageId: outcome.row.id,
    });
    return outcome;
  });
}
