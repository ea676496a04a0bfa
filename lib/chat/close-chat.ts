import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import { chatAsSeenBy } from '../users/privacy';
import type { ChatDto } from './dto';
import { lockChat, requireParticipant } from './rules/access';
import { loadChat } from './store/load-chat';
import { matchKey } from '../users/matches';

export interface CloseChatOptions {
  userId: string;
  chatId: string;
  origin?: string;
}

/**
 * Closes (unmatches) a direct chat for both its people: nothing more can be
 * sent in it (403 CHAT_CLOSED), its live events stop, and with it goes the
 * pair's match. Both see the same "This chat has ended", whoever closed it.
 * Its messages stay for CLOSED_CHAT_RETENTION_DAYS (lib/chat/purge-closed-chats.ts)
 * so either person can still report from it. Closing again changes nothing.
 */
export async function closeChat({ userId, chatId, origin }: CloseChatOptions): Promise<ChatDto> {
  await spend(userId, 'write', COST.block);
  const chat = await inTransaction(async (tx, events) => {
    await lockChat(tx, chatId);
    const me = await requireParticipant(tx, chatId, userId);
    if (me.chatType !== 'DIRECT') {
      throw new AppError('VALIDATION', 'Only a direct chat can be closed; leave a group instead.');
    }
    const [closed] = await tx.$queryRaw<Array<{ id: string; directKey: string }>>`
      UPDATE "ChatSession" SET "closedAt" = (now() AT TIME ZONE 'UTC'), "closedById" = ${userId}::uuid
      WHERE id = ${chatId}::uuid AND "closedAt" IS NULL
      RETURNING id, "directKey"`;
    const chat = await loadChat(tx, chatId);
    if (!closed) return chat;
    const [first = '', second = ''] = closed.directKey.split(':');
    await tx.userMatch.deleteMany({ where: matchKey(first, second) });
    events.push({ type: 'chat.closed', actor: { userId, origin }, chat });
    return chat;
  });
  return chatAsSeenBy(userId, chat);
}
