// Live server events folded into the store. Everything also reaches
// client.on() listeners untouched.
import type { MessageDto } from './protocol/index.js';
import {
  applyHidden,
  applyKnown,
  applyMessages,
  applyParticipantLeft,
  applyPresence,
  applyReaction,
  applyReads,
  expireTyping,
  patchChat,
  removeChats,
  setTyping,
  upsertChats,
} from './store/reducers.js';
import { hasGap } from './store/messages.js';
import type { WritableStore } from './store/store.js';
import type { ChatSocket } from './types.js';

/** How long a typing indicator shows without a fresh user_typing. */
export const TYPING_TTL_MS = 6000;

export interface LiveDeps {
  socket: ChatSocket;
  store: WritableStore;
  /** Something was missed (a seq gap, a chat we do not know): catch up. */
  requestSync(): void;
  /** Stored messages of mine: their outbox sends are done. */
  settle(messages: MessageDto[]): void;
}

export function wireLiveEvents({ socket, store, requestSync, settle }: LiveDeps): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const update = store.update;

  socket.on('message_received', (message) => {
    const state = store.getState();
    const chat = state.messages[message.chatId];
    const missed = !state.chats[message.chatId] || (chat !== undefined && hasGap(chat, message.seq));
    update((s) => {
      const next = applyMessages(s, [message]);
      return message.senderId ? setTyping(next, message.chatId, message.senderId, null) : next;
    });
    settle([message]);
    if (missed) requestSync();
  });
  socket.on('message_edited', (message) => update((s) => applyKnown(s, [message])));
  socket.on('message_deleted', (message) => update((s) => applyKnown(s, [message])));
  socket.on('message_hidden', (hidden) => update((s) => applyHidden(s, [hidden])));
  socket.on('messages_read', (receipt) => update((s) => applyReads(s, [receipt])));
  socket.on('reaction_added', (r) => update((s) => applyReaction(s, r, true)));
  socket.on('reaction_removed', (r) => update((s) => applyReaction(s, r, false)));

  socket.on('user_typing', ({ chatId, userId, name }) => {
    if (userId === store.getState().me?.id) return;
    update((s) => setTyping(s, chatId, userId, { name, until: Date.now() + TYPING_TTL_MS }));
    const timer = setTimeout(() => {
      timers.delete(timer);
      update((s) => expireTyping(s, Date.now()));
    }, TYPING_TTL_MS + 50);
    timers.add(timer);
  });
  socket.on('user_stopped_typing', ({ chatId, userId }) => update((s) => setTyping(s, chatId, userId, null)));

  socket.on('user_online', ({ userId }) => update((s) => applyPresence(s, userId, 'online', null)));
  socket.on('user_offline', ({ userId, lastSeenAt }) =>
    update((s) => applyPresence(s, userId, 'offline', lastSeenAt)),
  );
  socket.on('presence_update', ({ userId, status, lastSeenAt }) =>
    update((s) => applyPresence(s, userId, status, lastSeenAt)),
  );
  // My privacy settings changed (in another tab): whose presence and last
  // seen the server shows me may have changed, so what was heard no longer holds.
  socket.on('settings_updated', () =>
    update((s) => (Object.keys(s.presence).length ? { ...s, presence: {} } : s)),
  );
  socket.on('online_users', ({ userIds }) =>
    update((s) => userIds.reduce((next, id) => applyPresence(next, id, 'online', null), s)),
  );

  socket.on('chat_created', (chat) => update((s) => upsertChats(s, [chat])));
  socket.on('chat_updated', (chat) => update((s) => upsertChats(s, [chat])));
  socket.on('chat_deleted', ({ chatId }) => update((s) => removeChats(s, [chatId])));
  socket.on('chat_left', ({ chatId }) => update((s) => removeChats(s, [chatId])));
  socket.on('chat_closed', ({ chatId, closedAt }) => update((s) => patchChat(s, chatId, { closedAt })));
  socket.on('chat_joined', ({ chatId }) => {
    if (!store.getState().chats[chatId]) requestSync();
  });
  socket.on('participant_left', ({ chatId, userId }) =>
    update((s) => applyParticipantLeft(s, chatId, userId)),
  );
  socket.on('user_left_chat', ({ chatId, userId }) => update((s) => applyParticipantLeft(s, chatId, userId)));

  return () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
