import { db } from '../db';
import { AppError } from '../errors';
import { announce } from '../events/bus';
import { requireVisibleMessage, type VisibleMessage } from './rules/access';
import type { MessageDto } from './dto';
import { toMessageDto } from './dto/mappers';
import { tombstoneMessages } from './store/tombstone';
import { COST, spend } from '../user-budget';

export interface DeleteMessageOptions {
  userId: string;
  messageId: string;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
}

/**
 * Deletes a message for everyone, leaving a tombstone in its place (same id
 * and seq, content '', deletedAt set) so history keeps its shape. Deleting
 * again returns the tombstone and announces nothing.
 */
export async function deleteMessage({
  userId,
  messageId,
  origin,
}: DeleteMessageOptions): Promise<MessageDto> {
  await spend(userId, 'write', COST.delete);
  const target = await requireVisibleMessage(db(), { messageId, userId });
  assertMayDelete(target, userId);
  if (target.deletedAt) return toMessageDto(target);
  const [row] = await tombstoneMessages(db(), [target.id]);
  // No row: someone deleted it a moment ago; theirs is the tombstone.
  if (!row) return toMessageDto(await requireVisibleMessage(db(), { messageId, userId }));
  const message = toMessageDto(row);
  announce({ type: 'message.deleted', actor: { userId, origin }, message });
  return message;
}

/** Senders delete their own messages; group admins and moderators delete any, notices included. */
function assertMayDelete(target: VisibleMessage, userId: string): void {
  const moderates =
    target.chatType === 'GROUP' && (target.actorRole === 'ADMIN' || target.actorRole === 'MODERATOR');
  if (moderates) return;
  if (target.type === 'SYSTEM') {
    throw new AppError('FORBIDDEN', 'Only group admins and moderators can delete notices from the group.');
  }
  if (target.senderId !== userId) {
    throw new AppError('FORBIDDEN', 'You can only delete your own messages.');
  }
}
