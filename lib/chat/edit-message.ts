import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { announce } from '../events/bus';
import { screenContent } from '../moderation/screen-content';
import { assertNotMuted } from '../users/sanctions';
import {
  chatClosed,
  chatEnded,
  editCutoff,
  requireVisibleMessage,
  type VisibleMessage,
} from './rules/access';
import { assertContentLength } from './rules/content';
import { assertMentionable, checkMentionRanges, keptMentions } from './rules/mentions';
import type { MentionDto, MessageDto } from './dto';
import { toMessageDto, type MessageRow } from './dto/mappers';
import { participation } from './store/list-chat-ids';
import { withReactionsOne } from './store/reactions';
import { NOW } from './store/sql';
import { COST, spend } from '../user-budget';

export interface EditMessageOptions {
  userId: string;
  messageId: string;
  content: string;
  /** The new text's mentions, replacing the old; left out, the old ones that still fit are kept. */
  mentions?: MentionDto[];
  /** The editor saw "Are you sure?" for a word the platform flags, and saves it anyway. */
  confirmed?: boolean;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Replaces the text of the caller's own message (a photo, file or voice
 * message's caption: its uploads stay as they are), within EDIT_WINDOW_SECONDS
 * of sending; not in a direct chat with a block between its two people or
 * one that was closed (an edit would still reach the other person's
 * history), nor while a moderator's mute lasts. The new text goes through
 * the word filter as a send does, and `flagged` follows it.
 */
export async function editMessage({
  userId,
  messageId,
  content,
  mentions: newMentions,
  confirmed,
  origin,
}: EditMessageOptions): Promise<MessageDto> {
  await spend(userId, 'write', COST.edit);
  assertContentLength(content);
  const { flagged } = await screenContent(content, confirmed);
  const target = await requireVisibleMessage(db(), { messageId, userId });
  assertEditable(target, userId);
  // A caption may be removed; a text message without text would be nothing.
  if (target.type === 'TEXT' && content.trim().length === 0) {
    throw new AppError('VALIDATION', 'content: A message cannot be empty.');
  }
  if (target.chatClosed) throw chatClosed();
  await assertNotMuted(userId);
  if (
    target.chatType === 'DIRECT' &&
    (await participation({ userId, chatId: target.chatId })) === 'blocked'
  ) {
    throw chatEnded();
  }
  const mentions = await mentionsAfterEdit(target, content, newMentions, userId);
  const before = toMessageDto(target);
  if (target.content === content && JSON.stringify(before.mentions) === JSON.stringify(mentions))
    return withReactionsOne(db(), userId, before);
  // The same conditions again, atomically: a delete or the window's end may have come in between.
  const [row] = await db().$queryRaw<MessageRow[]>`
    UPDATE "ChatMessage"
    SET content = ${content}, flagged = ${flagged}, "editedAt" = ${NOW}, "updatedAt" = ${NOW},
        mentions = ${mentions.length > 0 ? JSON.stringify(mentions) : null}::jsonb
    WHERE id = ${target.id}::uuid AND "deletedAt" IS NULL AND "createdAt" > ${editCutoff()}
    RETURNING *`;
  if (!row) {
    assertEditable(await requireVisibleMessage(db(), { messageId, userId }), userId);
    throw new AppError('CONFLICT', 'The message changed while you were editing it. Try again.');
  }
  const message = toMessageDto(row);
  announce({ type: 'message.edited', actor: { userId, origin }, message });
  return withReactionsOne(db(), userId, message);
}

/**
 * What the edited message mentions. A new list is checked like a send's,
 * except that people it mentioned before may stay mentioned after they left.
 */
async function mentionsAfterEdit(
  target: VisibleMessage,
  content: string,
  given: MentionDto[] | undefined,
  userId: string,
): Promise<MentionDto[]> {
  const old = toMessageDto(target).mentions;
  if (given === undefined) return keptMentions({ content: target.content, mentions: old }, content);
  const mentions = checkMentionRanges(content, given, userId);
  const had = new Set(old.map((m) => m.userId));
  const added = mentions.map((m) => m.userId).filter((id) => !had.has(id));
  if (added.length > 0) {
    await assertMentionable(db(), { chatId: target.chatId, senderId: userId, userIds: added });
  }
  return mentions;
}

function assertEditable(target: VisibleMessage, userId: string): void {
  if (target.type === 'SYSTEM') throw new AppError('FORBIDDEN', 'Notices from the group cannot be edited.');
  if (target.senderId !== userId) throw new AppError('FORBIDDEN', 'You can only edit your own messages.');
  if (target.deletedAt) throw new AppError('CONFLICT', 'This message was deleted.');
  if (!target.editable) {
    const windowSeconds = env().EDIT_WINDOW_SECONDS;
    const minutes = windowSeconds / 60;
    const span = Number.isInteger(minutes)
      ? `${minutes} minute${minutes === 1 ? '' : 's'}`
      : `${windowSeconds} seconds`;
    throw new AppError('EDIT_WINDOW_EXPIRED', `Messages can only be edited within ${span} of sending.`);
  }
}
