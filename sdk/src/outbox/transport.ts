// How each kind of outbox item goes over the socket, and what its answer changes.
import type { MessageDto, ReadReceiptDto } from '../protocol/index.js';
import { request } from '../socket.js';
import { applyKnown, applyMessages, applyReads } from '../store/reducers.js';
import type { ChatSocket, ChatState, OutboxItem, OutboxPayloads } from '../types.js';
import type { Transport } from './outbox.js';

export const ACK_TIMEOUT_MS = 10_000;

/**
 * The server id of a message named by its id or, for one sent from this
 * outbox, by its clientMessageId (an edit queued behind its own send).
 */
function serverId(state: ChatState, chatId: string, messageId: string): string | undefined {
  const chat = state.messages[chatId];
  if (!chat) return messageId;
  for (const seq of chat.seqs) {
    const m = chat.bySeq[seq]!;
    if (m.id === messageId) return m.id;
    if (m.clientMessageId === messageId && m.senderId === state.me?.id) return m.id;
  }
  // Its send failed and was never stored: there is nothing on the server to change.
  if (state.outbox.some((i) => i.kind === 'send' && i.id === messageId)) return undefined;
  return messageId;
}

export function socketTransport(socket: ChatSocket, getState: () => ChatState): Transport {
  return async (item: OutboxItem) => {
    switch (item.kind) {
      case 'send':
        return request(socket, 'send_message', item.payload as OutboxPayloads['send'], ACK_TIMEOUT_MS);
      case 'read':
        return request(socket, 'mark_as_read', item.payload as OutboxPayloads['read'], ACK_TIMEOUT_MS);
      case 'edit':
      case 'delete': {
        const payload = item.payload as OutboxPayloads['edit'] | OutboxPayloads['delete'];
        const messageId = serverId(getState(), item.chatId, payload.messageId);
        if (!messageId)
          return { ok: false, error: { code: 'NOT_FOUND', message: 'That message was never sent.' } };
        return item.kind === 'edit'
          ? request(
              socket,
              'edit_message',
              { ...(payload as OutboxPayloads['edit']), messageId },
              ACK_TIMEOUT_MS,
            )
          : request(socket, 'delete_message', { messageId }, ACK_TIMEOUT_MS);
      }
    }
  };
}

export function applyAck(state: ChatState, item: OutboxItem, data: unknown): ChatState {
  if (item.kind === 'read') return applyReads(state, [data as ReadReceiptDto]);
  if (item.kind === 'send') return applyMessages(state, [data as MessageDto]);
  return applyKnown(state, [data as MessageDto]);
}
