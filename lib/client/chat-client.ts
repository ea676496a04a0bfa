// The tab's one chat client (@chat/sdk): typed REST, the socket, the synced
// store and the outbox. The browser authenticates with its session cookie;
// page code never handles a token. REST works at once; the chat app opens
// the socket with connect().
import { createChatClient, type ChatClient } from '@chat/sdk';
import { indexedDbStorage } from '@chat/sdk/indexeddb';

let current: { userId: string | null; client: ChatClient } | undefined;

/**
 * React Query's key for loading the chat list (all its pages) into the
 * client's store: invalidating it reloads the list, and the store keeps what
 * was heard live since.
 */
export const CHAT_LIST_KEY = ['chat-list'] as const;

/** The IndexedDB database holding one account's outbox in this browser. */
export const outboxDbName = (userId: string) => `chat-outbox-${userId}`;

/**
 * The tab's client. The chat app passes the signed-in user's id: the outbox
 * is then kept in IndexedDB under that account, and a different account (after
 * a sign-out in the same tab) gets a new client, so it never sends the first
 * one's queued messages. Without an id (REST-only screens) the current client
 * serves, or one whose outbox lives in memory.
 */
export function chatClient(userId?: string): ChatClient {
  if (current && (userId === undefined || current.userId === userId)) return current.client;
  // Server rendering: a client for this render only, never kept (the module is shared by every request).
  if (typeof window === 'undefined') return createChatClient({ baseUrl: '', autoConnect: false });
  if (current) void current.client.close();
  const storage =
    userId && typeof indexedDB !== 'undefined' ? indexedDbStorage(outboxDbName(userId)) : undefined;
  const client = createChatClient({
    baseUrl: '',
    credentials: 'include',
    autoConnect: false,
    ...(storage && { storage }),
  });
  current = { userId: userId ?? null, client };
  return client;
}

/** Sign-out: the socket closes; the account's outbox stays in its own database for its next sign-in. */
export async function closeChatClient(): Promise<void> {
  const closing = current;
  current = undefined;
  await closing?.client.close();
}
