// @chat/sdk/react: thin hooks over the client's store (useSyncExternalStore).
import {
  createContext,
  createElement,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ChatListItemDto, MessageDto, PresenceStatus } from '../protocol/index.js';
import { chatList, pendingMessages, storedMessages } from '../store/selectors.js';
import type { ChatClient, ChatState, ConnectionStatus, PendingMessage } from '../types.js';

const ClientContext = createContext<ChatClient | null>(null);

export function ChatClientProvider({ client, children }: { client: ChatClient; children?: ReactNode }) {
  return createElement(ClientContext.Provider, { value: client }, children);
}

export function useChatClient(): ChatClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useChatClient: wrap the tree in <ChatClientProvider client={…}>');
  return client;
}

/**
 * A slice of the state; re-renders when it changes (by ===). A selector that
 * builds a new object each time should be memoised by the caller, or return
 * parts of the state as they are.
 */
export function useChatState<T>(selector: (state: ChatState) => T): T {
  const { store } = useChatClient();
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}

export function useChats(): ChatListItemDto[] {
  const chats = useChatState((state) => state.chats);
  const chatOrder = useChatState((state) => state.chatOrder);
  return useMemo(() => chatList({ chats, chatOrder } as ChatState), [chats, chatOrder]);
}

/** Stored messages ascending by seq, then the outbox's pending and failed sends. */
export function useMessages(chatId: string): Array<MessageDto | PendingMessage> {
  const stored = useChatState((state) => state.messages[chatId]);
  const outbox = useChatState((state) => state.outbox);
  const me = useChatState((state) => state.me);
  return useMemo(() => {
    const slice = { messages: stored ? { [chatId]: stored } : {}, outbox, me } as ChatState;
    return [...storedMessages(slice, chatId), ...pendingMessages(slice, chatId)];
  }, [chatId, stored, outbox, me]);
}

/** Who is typing in the chat now. */
export function useTyping(chatId: string): Array<{ userId: string; name: string }> {
  const typing = useChatState((state) => state.typing[chatId]);
  return useMemo(
    () => Object.entries(typing ?? {}).map(([userId, t]) => ({ userId, name: t.name })),
    [typing],
  );
}

export function usePresence(
  userId: string,
): { status: PresenceStatus; lastSeenAt: string | null } | undefined {
  return useChatState((state) => state.presence[userId]);
}

export function useConnection(): ConnectionStatus {
  return useChatState((state) => state.connection);
}
