// Socket events applied to React Query's cache in place.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ChatDto, ChatListItemDto, MessageDto, Page, ParticipantDto, ReadReceiptDto } from '../chat/dto';

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

/** A new or changed message: into its thread, and onto its chat's entry in the list. */
export function applyMessage(
  qc: QueryClient,
  m: MessageDto,
  opts: { meId: string; openChatId: string | null },
) {
  qc.setQueryData<Messages>(messagesKey(m.chatId), (data) => {
    if (!data) return data;
    const pages = data.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === m.id ? m : x)) }));
    const known = pages.some((p) => p.items.some((x) => x.id === m.id));
    if (!known && pages[0]) {
      // Newest first; keep seq order even if events arrive out of order.
      const first = [m, ...pages[0].items].sort((a, b) => b.seq - a.seq);
      pages[0] = { ...pages[0], items: first };
    }
    return { ...data, pages };
  });
  // A quoted original fetched on its own follows its edits and deletion too.
  qc.setQueryData<{ message: MessageDto }>(messageKey(m.id), (data) => (data ? { message: m } : data));
  qc.setQueryData<Chats>(chatsKey, (data) => {
    if (!data) return data;
    const items = data.items.map((c) => {
      if (c.id !== m.chatId) return c;
      const newer = !c.lastMessage || m.seq >= c.lastMessage.seq;
      const unseen = m.senderId !== opts.meId && opts.openChatId !== m.chatId && m.seq > c.lastSeq;
      const mentionsMe = m.mentions.some((x) => x.userId === opts.meId);
      return {
        ...c,
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

/**
 * An edit or deletion may add or take away a mention of me in a chat that is
 * not open: its "mentioned" badge is then asked of the server again.
 */
export function mentionMayHaveChanged(
  qc: QueryClient,
  m: MessageDto,
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
