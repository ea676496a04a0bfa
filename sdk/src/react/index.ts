// @chat/sdk/react: thin hooks over the client's store (useSyncExternalStore).
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
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

export interface History {
  /** Stored messages, ascending by seq (the outbox's sends are not here: see useMessages). */
  messages: MessageDto[];
  /** Older history exists before the first of them. */
  hasMore: boolean;
  /** The first page is on its way and nothing is held yet. */
  loading: boolean;
  /** An older page is on its way. */
  loadingOlder: boolean;
  /** Why the last page failed, if it did; loadOlder() tries again. */
  error: unknown;
  /** Asks for the page before the oldest held; ignored while one is on its way or none is left. */
  loadOlder(): void;
}

/**
 * A chat's history as a thread shows it: what the store holds, kept live by
 * events and sync, with older pages on demand. Opening a chat whose store
 * holds less than a page loads the latest page at once.
 */
export function useHistory(chatId: string, pageSize = 50): History {
  const client = useChatClient();
  const held = useChatState((state) => state.messages[chatId]);
  const [loading, setLoading] = useState<{ chatId: string; promise: Promise<unknown> } | null>(null);
  const [error, setError] = useState<{ chatId: string; error: unknown } | null>(null);
  const lastSeq = useChatState((state) => state.chats[chatId]?.lastSeq);
  const hasMore = held ? held.hasMoreBefore : (lastSeq ?? 1) > 0;
  const busy = loading?.chatId === chatId;

  const loadOlder = useCallback(() => {
    if (busy || !hasMore) return;
    const promise = client.messages.loadOlder(chatId, pageSize).then(
      () => setError(null),
      (e: unknown) => setError({ chatId, error: e }),
    );
    setLoading({ chatId, promise });
    void promise.finally(() => setLoading((now) => (now?.promise === promise ? null : now)));
  }, [client, chatId, pageSize, busy, hasMore]);

  // Less than a page held (a chat never opened, or one heard of only live): the latest page.
  const short = (held?.seqs.length ?? 0) < pageSize;
  const failed = error?.chatId === chatId;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- starts the fetch the opened thread needs, and marks it loading
    if (short && hasMore && !failed) loadOlder();
  }, [chatId, short, hasMore, failed, loadOlder]);

  const messages = useMemo(() => (held ? held.seqs.map((seq) => held.bySeq[seq]!) : []), [held]);
  return {
    messages,
    hasMore,
    loading: busy && messages.length === 0,
    loadingOlder: busy,
    error: failed ? error.error : undefined,
    loadOlder,
  };
}
