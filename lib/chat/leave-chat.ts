import { AppError, retryOnWriteConflict } from '../errors';
import { inTransaction } from '../events/transaction';
import { lockChat, requireParticipant } from './rules/access';
import { loadChat } from './store/load-chat';
import { notices } from './rules/notices';
import { NOW, type DbClient } from './store/sql';
import { appendSystemMessage, userNames } from './store/system-message';
import { retireChatUploads } from './store/tombstone';
import { COST, spend } from '../user-budget';

export interface LeaveChatOptions {
  userId: string;
  chatId: string;
  /** Delete the group for everyone (group ADMINs only). */
  forEveryone?: boolean;
}

/**
 * Leaves a group (the longest-standing member becomes admin if the last
 * admin leaves), deletes it for everyone, or hides a DIRECT chat for the
 * caller until a newer message arrives.
 */
export async function leaveChat({ userId, chatId, forEveryone = false }: LeaveChatOptions): Promise<void> {
  await spend(userId, 'write', COST.changeChat);
  // A delete racing a mark-read of the same chat can deadlock; PostgreSQL aborts one side.
  await retryOnWriteConflict(() => inTransaction(async (tx, events) => {
    const actor = { userId };
    await lockChat(tx, chatId);
    const me = await requireParticipant(tx, chatId, userId);
    if (forEveryone) {
      if (me.chatType === 'DIRECT') {
        throw new AppError('FORBIDDEN', 'A direct chat cannot be deleted for everyone. Leave it to hide it.');
      }
      if (me.role !== 'ADMIN')
        throw new AppError('FORBIDDEN', 'Only a group admin can delete the group for everyone.');
      await retireChatUploads(tx, [me.chatId]);
      await tx.chatSession.delete({ where: { id: me.chatId } });
      events.push({ type: 'chat.deleted', actor, chatId: me.chatId });
      return;
    }
    if (me.chatType === 'DIRECT') {
      await tx.$executeRaw`
        UPDATE "ChatParticipant" SET "hiddenAt" = ${NOW}
        WHERE "chatId" = ${me.chatId}::uuid AND "userId" = ${userId}::uuid`;
      return;
    }
    const successor = me.role === 'ADMIN' ? await successorIfLastAdmin(tx, me.chatId, userId) : null;
    const names = await userNames(tx, successor ? [userId, successor] : [userId]);
    // Written while the leaver is still a participant: they are the notices' sender.
    const written = [
      await appendSystemMessage(tx, {
        chatId: me.chatId,
        actorId: userId,
        content: notices.left(names.get(userId) ?? ''),
      }),
    ];
    if (successor) {
      await tx.chatParticipant.update({
        where: { chatId_userId: { chatId: me.chatId, userId: successor } },
        data: { role: 'ADMIN' },
      });
      const content = notices.promoted(names.get(successor) ?? '');
      written.push(await appendSystemMessage(tx, { chatId: me.chatId, actorId: userId, content }));
    }
    await tx.$executeRaw`
      UPDATE "ChatParticipant" SET "leftAt" = ${NOW}
      WHERE "chatId" = ${me.chatId}::uuid AND "userId" = ${userId}::uuid`;
    const chat = await loadChat(tx, me.chatId);
    // First, so the leaver's sockets are out of the room before the notices go to it.
    events.push(
      { type: 'member.removed', actor, chatId: me.chatId, userId, left: true },
      { type: 'chat.updated', actor, chat },
      ...written.map((message) => ({ type: 'message.sent' as const, actor, message })),
    );
  }));
}

/** When the last admin leaves: the remaining participant who joined first (null if none, or another admin stays). */
export async function successorIfLastAdmin(tx: DbClient, chatId: string, leaverId: string): Promise<string | null> {
  const others = await tx.chatParticipant.findMany({
    where: { chatId, leftAt: null, userId: { not: leaverId } },
    select: { userId: true, role: true },
    orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
  });
  if (others.some((p) => p.role === 'ADMIN')) return null;
  return others[0]?.userId ?? null;
}
