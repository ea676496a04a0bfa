// Socket payloads, composed from the chat schemas so both transports accept
// exactly the same input.
import { z } from 'zod';
import {
  checkSendFields,
  disappearingSchema,
  editMessageSchema,
  forwardMessageSchema,
  idSchema,
  markReadSchema,
  reactionEmojiSchema,
  sendMessageFields,
} from './chat';
import { int4, timestamp } from './input';

export const chatRefSchema = z.object({ chatId: idSchema });
export const messageRefSchema = z.object({ messageId: idSchema });
export const socketReactionSchema = z.object({ messageId: idSchema, emoji: reactionEmojiSchema });
export const socketSendSchema = sendMessageFields.extend({ chatId: idSchema }).superRefine(checkSendFields);
export const socketEditSchema = editMessageSchema.extend({ messageId: idSchema });
export const socketDisappearingSchema = disappearingSchema.extend({ chatId: idSchema });
export const socketForwardSchema = forwardMessageSchema.extend({ messageId: idSchema });
export const socketReadSchema = markReadSchema.extend({ chatId: idSchema });
export const typingIndicatorSchema = z.object({ chatId: idSchema, isTyping: z.boolean() });
export const presenceSchema = z.object({ status: z.enum(['online', 'away', 'busy', 'offline']) });
export const tokenPayloadSchema = z.object({ token: z.string().min(1).max(4096) });
export const anyPayloadSchema = z.unknown();

/** A history page over the socket: the REST query's fields, as JSON numbers. */
export const socketHistorySchema = z
  .object({
    chatId: idSchema,
    before: int4().optional(),
    after: int4().optional(),
    limit: int4({ min: 1 }).optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: 'Use before or after, not both.',
  });

export const syncSchema = z.object({
  /** chatId → the highest seq the client holds for that chat. */
  since: z
    .record(idSchema, int4())
    .refine((r) => Object.keys(r).length <= 1000, { message: 'Sync at most 1000 chats at once.' }),
  /** Server time of the client's last sync: edits and deletes after it are returned. */
  changedSince: timestamp.optional(),
});
