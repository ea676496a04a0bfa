// Derived views of the state for UIs: message status, provisional messages, the chat list.
import type { ChatListItemDto, MessageDto } from '../protocol/index.js';
import type { OutboxPayloads } from '../types.js';
import type { ChatState, MessageStatus, OutboxItem, PendingMessage } from '../types.js';

/**
 * pending/failed while in the outbox; sent once stored (it has a seq);
 * delivered/read when every other participant whose receipts we know has
 * delivered/read up to it.
 */
export function messageStatus(
  state: ChatState,
  chatId: string,
  message: MessageDto | OutboxItem | PendingMessage,
): MessageStatus {
  if ('status' in message) return message.status === 'failed' ? 'failed' : 'pending';
  if (message.seq === null) return 'pending';
  const others = Object.entries(state.receipts[chatId] ?? {}).filter(
    ([userId]) => userId !== message.senderId,
  );
  if (others.length === 0) return 'sent';
  if (others.every(([, r]) => r.lastReadSeq >= message.seq)) return 'read';
  if (others.every(([, r]) => r.lastDeliveredSeq >= message.seq)) return 'delivered';
  return 'sent';
}

/** The chat's outbox sends, shown as provisional messages in the order they will be sent. */
export function pendingMessages(state: ChatState, chatId: string): PendingMessage[] {
  return state.outbox
    .filter((item) => item.kind === 'send' && item.chatId === chatId)
    .map((item) => {
      const p = item.payload as OutboxPayloads['send'];
      return {
        id: item.id,
        chatId,
        senderId: state.me?.id ?? null,
        seq: null,
        type: p.type ?? 'TEXT',
        content: p.content ?? '',
        attachments: null,
        replyToId: p.replyToId ?? null,
        clientMessageId: item.id,
        createdAt: item.createdAt,
        editedAt: null,
        deletedAt: null,
        flagged: false,
        reactions: [],
        linkPreview: null,
        expiresAt: null,
        forwarded: false,
        mentions: p.mentions ?? [],
        status: item.status === 'failed' ? 'failed' : 'pending',
        ...(item.error && { error: item.error }),
      };
    });
}

/** The chats, most recent activity first. */
export function chatList(state: ChatState): ChatListItemDto[] {
  return state.chatOrder.map((id) => state.chats[id]!).filter(Boolean);
}

/** A chat's stored messages, ascending by seq. */
export function storedMessages(state: ChatState, chatId: string): MessageDto[] {
  const chat = state.messages[chatId];
  return chat ? chat.seqs.map((seq) => chat.bySeq[seq]!) : [];
}
