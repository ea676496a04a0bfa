// What a reconnecting client missed, from the database (the source of
// truth), so recovery works after a restart or on another node.
import { db } from '../db';
import type { SyncResult } from '../realtime/events';
import { getChat } from './get-chat';
import { listChatIds } from './list-chat-ids';
import { toMessageDto } from './mappers';

/** Missed messages returned per chat; past this the client pages over REST. */
export const SYNC_MESSAGES_PER_CHAT = 500;
const SYNC_NEW_CHATS = 100;

export async function syncChanges({
  userId,
  since,
  changedSince,
}: {
  userId: string;
  since: Record<string, number>;
  changedSince?: string;
}): Promise<SyncResult> {
  // Taken first: anything that changes while we read is caught by the next sync.
  const serverTime = new Date();
  const current = new Set(await listChatIds({ userId }));
  const requested = Object.keys(since).filter((id) => current.has(id));
  const removedChatIds = Object.keys(since).filter((id) => !current.has(id));

  let truncated = false;
  const perChat = await Promise.all(
    requested.map((chatId) =>
      db().chatMessage.findMany({
        where: { chatId, seq: { gt: since[chatId] ?? 0 } },
        orderBy: { seq: 'asc' },
        take: SYNC_MESSAGES_PER_CHAT + 1,
      }),
    ),
  );
  const messages = perChat.flatMap((rows) => {
    if (rows.length > SYNC_MESSAGES_PER_CHAT) truncated = true;
    return rows.slice(0, SYNC_MESSAGES_PER_CHAT).map(toMessageDto);
  });

  const changed =
    changedSince && requested.length > 0
      ? await db().chatMessage.findMany({
          where: {
            updatedAt: { gt: new Date(changedSince) },
            OR: requested.map((chatId) => ({ chatId, seq: { lte: since[chatId] ?? 0 } })),
          },
          orderBy: [{ chatId: 'asc' }, { seq: 'asc' }],
          take: SYNC_MESSAGES_PER_CHAT * 4,
        })
      : [];

  const participants = await db().chatParticipant.findMany({
    where: { chatId: { in: requested }, leftAt: null },
    select: { chatId: true, userId: true, lastReadSeq: true, lastReadAt: true, joinedAt: true },
  });

  const newChatIds = [...current].filter((id) => !(id in since)).slice(0, SYNC_NEW_CHATS);
  const chats = await Promise.all(newChatIds.map((chatId) => getChat({ userId, chatId })));

  return {
    messages,
    changed: changed.map(toMessageDto),
    reads: participants.map((p) => ({
      chatId: p.chatId,
      userId: p.userId,
      upToSeq: p.lastReadSeq,
      readAt: (p.lastReadAt ?? p.joinedAt).toISOString(),
    })),
    chats,
    removedChatIds,
    serverTime: serverTime.toISOString(),
    truncated,
  };
}
