// Where an upload may go. Called when the form names its chat before the
// file arrives (so an outsider's file is never read) and again before
// anything is stored (when chatId came after the file, or membership changed
// during the upload).
import { chatClosed, requireParticipant } from '../chat/rules/access';
import { db } from '../db';
import { AppError } from '../errors';
import type { UploadFields } from '../validations/uploads';

export interface UploadTarget {
  purpose: 'MESSAGE' | 'AVATAR';
  /** The chat of a message attachment or of a group photo; null for a profile photo. */
  chatId: string | null;
}

/**
 * A message attachment goes to a chat the caller is in (404 otherwise, as
 * for a chat that does not exist) that is not closed; a profile photo needs
 * no chat; a group photo needs a group the caller is an admin of.
 */
export async function authorizeUpload(userId: string, fields: UploadFields): Promise<UploadTarget> {
  const { chatId, purpose = 'message', kind } = fields;
  if (purpose === 'avatar') {
    if (kind) throw new AppError('VALIDATION', 'kind: A photo cannot be a voice message; leave kind out.');
    if (chatId === undefined) return { purpose: 'AVATAR', chatId: null };
    const me = await requireParticipant(db(), chatId, userId);
    if (me.chatType !== 'GROUP') {
      throw new AppError(
        'VALIDATION',
        'chatId: A direct chat has no photo. Send a group’s id, or no chatId for your profile photo.',
      );
    }
    if (me.role !== 'ADMIN')
      throw new AppError('FORBIDDEN', 'Only group admins can change the group’s photo.');
    return { purpose: 'AVATAR', chatId: me.chatId };
  }
  if (chatId === undefined) throw new AppError('VALIDATION', 'chatId: Say which chat the file is for.');
  const me = await requireParticipant(db(), chatId, userId);
  const chat = await db().chatSession.findUnique({ where: { id: me.chatId }, select: { closedAt: true } });
  if (chat?.closedAt) throw chatClosed();
  return { purpose: 'MESSAGE', chatId: me.chatId };
}
