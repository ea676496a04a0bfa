// What a reconnecting client missed, from the database (the source of
// truth), so recovery works after a restart or on another node. A constant
// number of queries however many chats the user is in.
import { db } from '../db';
import { listChatIds } from './store/list-chat-ids';
import type { SyncResult } from './dto';
import { loadListedChats } from './store/load-chat';
import { withReactions } from './store/reactions';
import { toMessageDto, type MessageRow } from './dto/mappers';
import { charge, COST, spend } from '../user-budget';
import { asSeenBy, readsSeenBy } from '../users/privacy';

/** Missed messages returned per chat at most; past this the client syncs again from its new watermarks. */
export const SYNC_MESSAGES_PER_CHAT = 500;
/** Missed messages one sync returns across all its chats, so its cost is bounded whatever it asks for. */
export const SYNC_MESSAGES_TOTAL = 2000;
const SYNC_NEW_CHATS = 100;
/** A page of the chat list or of history, as the API pages them by default. */
const PAGE = 50;

export async function syncChanges({
  userId,
  since,
  changedSince,
}: {
  userId: string;
  since: Record<string, number>;
  changedSince?: string;
}): Promise<SyncResult> {
  await spend(userId, 'read', COST.sync);
  // Taken first: anything that changes while we read is caught by the next sync.
  const serverTime = new Date();
  const current = new Set(await listChatIds({ userId }));
  const requested = Object.keys(since).filter((id) => current.has(id));
  const removedChatIds = Object.keys(since).filter((id) => !current.has(id));
  const allNew = [...current].filter((id) => !(id in since));
  const newChatIds = allNew.slice(0, SYNC_NEW_CHATS);
  // A sync costs what the reads it stands for would: a page of the chat list
  // (COST.list) for every PAGE new chats it lists, spent before they are
  // read, and a history page (COST.read) for every PAGE messages it returns,
  // charged once they are known. COST.sync alone priced a first sync that
  // lists 100 chats like one that finds nothing, so a flood of them bought
  // far more work than the budget meant to allow (BENCHMARKS.md, noisy-neighbour).
  await spend(userId, 'read', COST.list * Math.floor(newChatIds.length / PAGE));
  const changedAfter = changedSince ? new Date(changedSince) : undefined;

  const perChat = Math.max(
    1,
    Math.min(SYNC_MESSAGES_PER_CHAT, Math.floor(SYNC_MESSAGES_TOTAL / Math.max(1, requested.length))),
  );
  const notHidden = { hiddenBy: { none: { userId } } };
  const [missed, changed, participants, chats, hidden] = await Promise.all([
    missedMessages(userId, requested, since, perChat),
    changedAfter && requested.length > 0
      ? db().chatMessage.findMany({
          where: {
            updatedAt: { gt: changedAfter },
            OR: requested.map((chatId) => ({ chatId, seq: { lte: since[chatId] ?? 0 } })),
            ...notHidden,
          },
          orderBy: [{ chatId: 'asc' }, { seq: 'asc' }],
          take: SYNC_MESSAGES_PER_CHAT * 4,
        })
      : Promise.resolve([]),
    // Watermarks that moved since the last sync (all of them on a first sync).
    db().chatParticipant.findMany({
      where: {
        chatId: { in: requested },
        leftAt: null,
        ...(changedAfter && {
          OR: [{ lastReadAt: { gt: changedAfter } }, { joinedAt: { gt: changedAfter } }],
        }),
      },
      select: { chatId: true, userId: true, lastReadSeq: true, lastReadAt: true, joinedAt: true },
    }),
    loadListedChats(db(), newChatIds, userId),
    // Deleted for me on another device: without changedSince, history already leaves them out.
    changedAfter && requested.length > 0
      ? db().hiddenMessage.findMany({
          where: { userId, chatId: { in: requested }, hiddenAt: { gt: changedAfter } },
          select: { chatId: true, messageId: true, hiddenAt: true },
          orderBy: { hiddenAt: 'asc' },
          take: SYNC_MESSAGES_TOTAL,
        })
      : Promise.resolve([]),
  ]);

  // Known only now: the history pages a sync's messages stand for.
  await charge(userId, 'read', COST.read * Math.floor((missed.messages.length + changed.length) / PAGE));
  // Reactions ride on the messages: one that changed moved its message's updatedAt.
  const [messages, changedMessages] = await Promise.all([
    withReactions(db(), userId, missed.messages),
    withReactions(db(), userId, changed.map(toMessageDto)),
  ]);
  return {
    messages,
    changed: changedMessages,
    // Read receipts as the privacy settings of both sides allow (lib/users/privacy.ts).
    reads: await readsSeenBy(
      userId,
      participants.map((p) => ({
        chatId: p.chatId,
        userId: p.userId,
        upToSeq: p.lastReadSeq,
        readAt: (p.lastReadAt ?? p.joinedAt).toISOString(),
      })),
    ),
    chats: await asSeenBy(userId, chats),
    removedChatIds,
    hidden: hidden.map((h) => ({ ...h, hiddenAt: h.hiddenAt.toISOString() })),
    serverTime: serverTime.toISOString(),
    truncated: missed.truncated || allNew.length > newChatIds.length,
  };
}

/** Up to `perChat` messages after each chat's watermark, in one statement; each chat's run has no gap but what the user hid. */
async function missedMessages(
  userId: string,
  chatIds: string[],
  since: Record<string, number>,
  perChat: number,
) {
  if (chatIds.length === 0) return { messages: [], truncated: false };
  const rows = await db().$queryRaw<MessageRow[]>`
    SELECT m.* FROM unnest(${chatIds}::uuid[], ${chatIds.map((id) => since[id] ?? 0)}::int[]) 
      WITH ORDINALITY AS w("chatId", since, ord)
    CROSS JOIN LATERAL (
      SELECT * FROM "ChatMessage" c WHERE c."chatId" = w."chatId" AND c.seq > w.since
        AND NOT EXISTS (SELECT 1 FROM "HiddenMessage" h WHERE h."userId" = ${userId}::uuid AND h."messageId" = c.id)
      ORDER BY c.seq LIMIT ${perChat + 1}
    ) m
    ORDER BY w.ord, m.seq`;
  const taken = new Map<string, number>();
  let truncated = false;
  const messages = [];
  for (const row of rows) {
    const n = (taken.get(row.chatId) ?? 0) + 1;
    taken.set(row.chatId, n);
    if (n > perChat) truncated = true;
    else messages.push(toMessageDto(row));
  }
  return { messages, truncated };
}
