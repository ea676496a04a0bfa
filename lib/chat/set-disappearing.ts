import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { chatClosed, chatEnded, lockChat, requireParticipant } from './rules/access';
import { assertOfferedTimer, describeTimer } from './rules/disappearing';
import { timerNotice } from './rules/notices';
import type { ChatDto } from './dto';
import { isId } from './store/ids';
import { loadChat } from './store/load-chat';
import { participation } from './store/list-chat-ids';
import { appendSystemMessage, userNames } from './store/system-message';
import { COST, spend } from '../user-budget';

export interface SetDisappearingOptions {
  userId: string;
  chatId: string;
  /** From DISAPPEARING_TIMERS, or null for off. */
  disappearAfterSeconds: number | null;
}

/**
 * Sets a chat's disappearing-message timer: either person of a direct chat
 * (not one that ended), a group's admins. Messages sent from now on carry
 * `expiresAt`; those sent before keep theirs. A change is announced in the
 * chat as a SYSTEM message (which itself never disappears) and as
 * chat_updated; setting the timer it already has changes nothing.
 */
export async function setDisappearing({
  userId,
  chatId,
  disappearAfterSeconds,
}: SetDisappearingOptions): Promise<ChatDto> {
  await spend(userId, 'write', COST.changeChat);
  assertOfferedTimer(disappearAfterSeconds);
  // Before the transaction: PGlite has one connection, which the transaction holds.
  const state = isId(chatId) ? await participation({ userId, chatId }) : null;
  if (state === 'closed') throw chatClosed();
  if (state === 'blocked') throw chatEnded();
  return inTransaction(async (tx, events) => {
    await lockChat(tx, chatId);
    const me = await requireParticipant(tx, chatId, userId);
    if (me.chatType === 'GROUP' && me.role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Only group admins can change disappearing messages.');
    }
    const before = await tx.chatSession.findUniqueOrThrow({
      where: { id: me.chatId },
      select: { disappearAfterSeconds: true },
    });
    if (before.disappearAfterSeconds === disappearAfterSeconds) return loadChat(tx, me.chatId);
    await tx.chatSession.update({ where: { id: me.chatId }, data: { disappearAfterSeconds } });
    const names = await userNames(tx, [userId]);
    const content = timerNotice(
      names.get(userId) ?? '',
      disappearAfterSeconds === null ? null : describeTimer(disappearAfterSeconds),
    );
    const notice = await appendSystemMessage(tx, { chatId: me.chatId, actorId: userId, content });
    const chat = await loadChat(tx, me.chatId);
    const by = { userId };
    events.push({ type: 'chat.updated', actor: by, chat });
    events.push({ type: 'message.sent', actor: by, message: notice });
    return chat;
  });
}
