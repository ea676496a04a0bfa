// Socket events applied to React Query's cache in place.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type {
  ChatDto,
  ChatListItemDto,
  EditedMessageDto,
  MessageDto,
  Page,
  ParticipantDto,
  ReactionDto,
  ReactionEventDto,
  ReadReceiptDto,
} from '../chat/dto';

export const chatsKey = ['chats'] as const;
export const messagesKey = (chatId: string) => ['chat', chatId, 'messages'] as const;
/** A chat's details: all its participants, where the list entry has only a few. */
export const chatDetailsKey = (chatId: string) => ['chat-details', chatId] as const;
/** One message fetched by id: the original of a reply that is not in the loaded history. */
export const messageKey = (id: string) => ['message', id] as const;

type Chats = Page<ChatListItemDto>;
type Messages = InfiniteData<Page<MessageDto>, string | null>;

const activity = (c: ChatListItemDto) => c.lastMessageAt ?? c.createdAt;

export function sortChats(items: ChatListItemDto[]): ChatListItemDto[] {
  return [...items].sort((a, b) => activity(b).localeCompare(activity(a)));
}

/** An edit as the room hears it has no reactions: it keeps those the message had. */
const merged = (m: MessageDto | EditedMessageDto, before: MessageDto | undefined): MessageDto =>
  'reactions' in m ? m : { ...m, reactions: m.deletedAt ? [] : (before?.reactions ?? []) };

/** A new or changed message: into its thread, and onto its chat's entry in the list. */
export function applyMessage(
  qc: QueryClient,
  incoming: MessageDto | EditedMessageDto,
  opts: { meId: string; openChatId: string | null },
) {
  let m = merged(incoming, undefined);
  qc.setQueryData<Messages>(messagesKey(m.chatId), (data) => {
    if (!data) return data;
    const pages = data.pages.map((p) => ({
      ...p,
      items: p.items.map((x) => {
        if (x.id !== m.id) return x;
        m = merged(incoming, x);
        return m;
      }),
    }));
    const known = pages.some((p) => p.items.some((x) => x.id === m.id));
    if (!known && pages[0]) {
      // Newest first; keep seq order even if events arrive out of order.
      const first = [m, ...pages[0].items].sort((a, b) => b.seq - a.seq);
      pages[0] = { ...pages[0], items: first };
    }
    return { ...data, pages };
  });
  // A quoted original fetched on its own follows its edits and deletion too.
  qc.setQueryData<{ message: MessageDto }>(messageKey(m.id), (data) =>
    data ? { message: merged(incoming, data.message) } : data,
  );
  qc.setQueryData<Chats>(chatsKey, (data) => {
    if (!data) return data;
    const items = data.items.map((c) => {
      if (c.id !== m.chatId) return c;
      const newer = !c.lastMessage || m.seq >= c.lastMessage.seq;
      const unseen = m.senderId !== opts.meId && opts.openChatId !== m.chatId && m.seq > c.lastSeq;
      const arrived = newer && m.seq > c.lastSeq;
      const mentionsMe = m.mentions.some((x) => x.userId === opts.meId);
      return {
        ...c,
        // A new message is newer activity than any reaction; a deleted one takes its reactions along.
        lastReaction: arrived || (m.deletedAt && c.lastReaction?.message.id === m.id) ? null : c.lastReaction,
        lastMessage: newer ? m : c.lastMessage,
        lastMessageAt: newer && !m.editedAt && !m.deletedAt ? m.createdAt : c.lastMessageAt,
        lastSeq: Math.max(c.lastSeq, m.seq),
        unreadCount: unseen ? c.unreadCount + 1 : c.unreadCount,
        mentionCount: unseen && mentionsMe ? c.mentionCount + 1 : c.mentionCount,
      };
    });
    return { ...data, items: sortChats(items) };
  });
}

/** A message I deleted for myself (here or in another tab): out of its thread; the list refetches its preview. */
export function applyHidden(qc: QueryClient, hidden: { chatId: string; messageId: string }) {
  qc.setQueryData<Messages>(messagesKey(hidden.chatId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== hidden.messageId) })),
        }
      : data,
  );
  void qc.invalidateQueries({ queryKey: chatsKey });
}

/**
 * An edit or deletion may add or take away a mention of me in a chat that is
 * not open: its "mentioned" badge is then asked of the server again.
 */
export function mentionMayHaveChanged(
  qc: QueryClient,
  m: MessageDto | EditedMessageDto,
  opts: { meId: string; openChatId: string | null },
): boolean {
  if (m.senderId === opts.meId || opts.openChatId === m.chatId) return false;
  const entry = qc.getQueryData<Chats>(chatsKey)?.items.find((c) => c.id === m.chatId);
  return (entry?.mentionCount ?? 0) > 0 || m.mentions.some((x) => x.userId === opts.meId);
}

/** Someone's read watermark moved: ticks and unread counts follow, in the list and the chat's details. */
export function applyRead(qc: QueryClient, r: ReadReceiptDto, meId: string) {
  const moved = (participants: ParticipantDto[]) =>
    participants.map((p) =>
      p.id === r.userId
        ? {
            ...p,
            lastReadSeq: Math.max(p.lastReadSeq, r.upToSeq),
            lastDeliveredSeq: Math.max(p.lastDeliveredSeq, r.upToSeq),
          }
        : p,
    );
  qc.setQueryData<Chats>(chatsKey, (data) => {
    if (!data) return data;
    const items = data.items.map((c) =>
      c.id !== r.chatId
        ? c
        : {
            ...c,
            unreadCount: r.userId === meId ? 0 : c.unreadCount,
            mentionCount: r.userId === meId ? 0 : c.mentionCount,
            participants: moved(c.participants),
          },
    );
    return { ...data, items };
  });
  qc.setQueryData<{ chat: ChatDto }>(chatDetailsKey(r.chatId), (data) =>
    data ? { chat: { ...data.chat, participants: moved(data.chat.participants) } } : data,
  );
}

/** A direct chat was closed (by either person): marked ended in the list and its details. */
export function applyChatClosed(qc: QueryClient, chatId: string, closedAt: string | null) {
  qc.setQueryData<Chats>(chatsKey, (data) =>
    data ? { ...data, items: data.items.map((c) => (c.id === chatId ? { ...c, closedAt } : c)) } : data,
  );
  qc.setQueryData<{ chat: ChatDto }>(chatDetailsKey(chatId), (data) =>
    data ? { chat: { ...data.chat, closedAt } } : data,
  );
}

/** My reaction or someone else's, added or taken back: a toggle of one user id under one emoji. */
export function toggleReaction(
  reactions: ReactionDto[],
  emoji: string,
  userId: string,
  on: boolean,
): ReactionDto[] {
  const found = reactions.find((r) => r.emoji === emoji);
  if (on) {
    if (found?.userIds.includes(userId)) return reactions;
    if (!found) return [...reactions, { emoji, count: 1, userIds: [userId] }];
    return reactions.map((r) =>
      r === found ? { ...r, count: r.count + 1, userIds: [...r.userIds, userId] } : r,
    );
  }
  if (!found?.userIds.includes(userId)) return reactions;
  return reactions
    .map((r) =>
      r === found ? { ...r, count: r.count - 1, userIds: r.userIds.filter((id) => id !== userId) } : r,
    )
    .filter((r) => r.count > 0);
}

/**
 * A reaction event (or my own optimistic toggle): onto the message wherever
 * it is cached, and onto the chat list's "… reacted … to" line.
 */
export function applyReaction(qc: QueryClient, r: ReactionEventDto, on: boolean) {
  let reacted: MessageDto | undefined;
  const change = (x: MessageDto) => {
    if (x.id !== r.messageId) return x;
    reacted = { ...x, reactions: toggleReaction(x.reactions, r.emoji, r.userId, on) };
    return reacted;
  };
  qc.setQueryData<Messages>(messagesKey(r.chatId), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(change) })) } : data,
  );
  qc.setQueryData<{ message: MessageDto }>(messageKey(r.messageId), (data) =>
    data ? { message: change(data.message) } : data,
  );
  qc.setQueryData<Chats>(chatsKey, (data) => {
    if (!data) return data;
    const items = data.items.map((c) => {
      if (c.id !== r.chatId) return c;
      const lastMessage = c.lastMessage && change(c.lastMessage);
      const shown = reacted ?? (c.lastMessage?.id === r.messageId ? lastMessage : undefined);
      if (on && shown) {
        return {
          ...c,
          lastMessage,
          lastReaction: {
            userId: r.userId,
            name: nameIn(qc, c, r.userId),
            emoji: r.emoji,
            createdAt: new Date().toISOString(),
            message: shown,
          },
        };
      }
      // Taken back: the line it showed goes; the list's next refetch brings any earlier one back.
      const gone =
        !on &&
        c.lastReaction?.message.id === r.messageId &&
        c.lastReaction.userId === r.userId &&
        c.lastReaction.emoji === r.emoji;
      return { ...c, lastMessage, lastReaction: gone ? null : c.lastReaction };
    });
    return { ...data, items };
  });
}

/** A participant's name from the list's entry or the chat's details, where either has it. */
function nameIn(qc: QueryClient, c: ChatListItemDto, userId: string): string {
  const details = qc.getQueryData<{ chat: ChatDto }>(chatDetailsKey(c.id))?.chat.participants ?? [];
  return [...c.participants, ...details].find((p) => p.id === userId)?.name ?? 'Someone';
}

/** The server's answer to my own toggle: its reactions are the truth. */
export function applyReactions(qc: QueryClient, m: MessageDto) {
  const set = (x: MessageDto) => (x.id === m.id ? { ...x, reactions: m.reactions } : x);
  qc.setQueryData<Messages>(messagesKey(m.chatId), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(set) })) } : data,
  );
  qc.setQueryData<{ message: MessageDto }>(messageKey(m.id), (data) =>
    data ? { message: set(data.message) } : data,
  );
}
