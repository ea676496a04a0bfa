// The tab's one chat client (@chat/sdk): typed REST, the socket, the synced
// store and the outbox. The browser authenticates with its session cookie;
// page code never handles a token. REST works at once; the chat app opens
// the socket with connect().
import { createChatClient, type ChatClient } from '@chat/sdk';

let client: ChatClient | undefined;

export function chatClient(): ChatClient {
  client ??= createChatClient({ baseUrl: '', credentials: 'include', autoConnect: false });
  return client;
}
