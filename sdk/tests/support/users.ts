// Accounts and chats for the SDK tests, made over plain HTTP, and clients
// of the SDK for them, closed together at the end of a file.
import { createChatClient, memoryStorage, type ChatClient, type OutboxStorage } from '@chat/sdk';
import { Api, type TestUser } from '../../../tests/support/api';

export { Api, type TestUser };
export { createDirect, createGroup, sleep, waitFor } from '../../../tests/support/chat';

const clients: ChatClient[] = [];

/** Warnings and errors the clients logged, for a failure message. */
export const clientLog: string[] = [];

/** A connected client of `user`; closed by closeClients(). */
export async function openClient(
  url: string,
  user: TestUser,
  { storage = memoryStorage(), connect = true }: { storage?: OutboxStorage; connect?: boolean } = {},
): Promise<ChatClient> {
  const client = createChatClient({
    baseUrl: url,
    token: user.token,
    storage,
    autoConnect: false,
    logger: {
      warn: (...a: unknown[]) => clientLog.push(`${user.name} warn ${a.map(String).join(' ')}`),
      error: (...a: unknown[]) => clientLog.push(`${user.name} error ${a.map(String).join(' ')}`),
    },
  });
  clients.push(client);
  if (connect) await client.connect();
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
}
