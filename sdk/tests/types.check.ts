// Type-level tests of @chat/sdk, compiled (never run) by `npm run typecheck`
// and, against the built declarations in sdk/dist, by sdk/tests/types.test.ts.
// Every line under a @ts-expect-error must fail to compile; the rest must compile.
import {
  createChatClient,
  keyValueStorage,
  memoryStorage,
  messageStatus,
  type ChatState,
  type MessageDto,
  type OutboxItem,
  type OutboxStorage,
} from '@chat/sdk';
import { cutConnection, restoreConnection } from '@chat/sdk/testing';

export async function typeChecks(): Promise<void> {
  const client = createChatClient({
    baseUrl: 'http://127.0.0.1:3000',
    token: 'token',
    storage: memoryStorage(),
  });
  createChatClient({ baseUrl: '', getToken: async () => 'token', autoConnect: false });
  // @ts-expect-error baseUrl is required
  createChatClient({ token: 'token' });
  // @ts-expect-error credentials is 'include' or nothing
  createChatClient({ baseUrl: '', credentials: 'omit' });

  // The socket speaks the server's event map: names and payloads.
  client.socket.emit('send_message', { chatId: 'c', content: 'hi', clientMessageId: 'm1' }, (res) => {
    if (res.ok) {
      const seq: number = res.data.seq;
      void seq;
    } else {
      const code: string = res.error.code;
      void code;
    }
  });
  client.socket.emit('mark_as_read', { chatId: 'c' });
  // @ts-expect-error chatId is a string
  client.socket.emit('send_message', { chatId: 1, content: 'hi' });
  // @ts-expect-error mark_as_read needs the chat
  client.socket.emit('mark_as_read', { upToMessageId: 'm' });
  // @ts-expect-error no such event
  client.socket.emit('send_messages', { chatId: 'c', content: 'hi' });
  // @ts-expect-error the ack is the message, whose seq is a number
  client.socket.emit('send_message', { chatId: 'c' }, (res) => res.ok && res.data.seq.toUpperCase());
  client.socket.on('message_received', (message) => {
    const seq: number = message.seq;
    void seq;
  });
  // @ts-expect-error a MessageDto has no `text`
  client.socket.on('message_received', (message) => message.text);
  // @ts-expect-error no such server event
  client.socket.on('message_recieved', () => undefined);
  const off = client.on('messages_read', (receipt) => {
    const upTo: number = receipt.upToSeq;
    void upTo;
  });
  off();
  // @ts-expect-error chat_deleted carries { chatId } only
  client.on('chat_deleted', (payload) => payload.name);

  // REST: paths, parameters, bodies and answers from the OpenAPI document.
  // (A body without the fields the server defaults, type and content: rest-defaults.check.mts.)
  const sent = await client.rest.POST('/api/v1/chat/sessions/{id}/messages', {
    params: { path: { id: 'c' } },
    body: { type: 'TEXT', content: 'hi', clientMessageId: 'm2' },
  });
  if (sent.data) {
    const id: string = sent.data.message.id;
    void id;
  }
  const page = await client.rest.GET('/api/v1/chat/sessions', { params: { query: { limit: 10 } } });
  const unread: number | undefined = page.data?.items[0]?.unreadCount;
  void unread;
  void client.rest.POST('/api/v1/chat/sessions/{id}/messages', {
    params: { path: { id: 'c' } },
    // @ts-expect-error content is a string
    body: { type: 'TEXT', content: 42 },
  });
  // @ts-expect-error the chat id in the path is required
  void client.rest.POST('/api/v1/chat/sessions/{id}/messages', { body: { type: 'TEXT', content: 'hi' } });
  // @ts-expect-error no such path
  void client.rest.GET('/api/v1/chat/session');
  // @ts-expect-error the chat list is not PATCHed
  void client.rest.PATCH('/api/v1/chat/sessions', {});
  // @ts-expect-error limit is a number
  void client.rest.GET('/api/v1/chat/sessions', { params: { query: { limit: 'ten' } } });
  // @ts-expect-error a page of chats has items, not sessions
  void page.data?.sessions;

  // The outbox API.
  const clientMessageId: string = client.messages.send('c', { content: 'hi', replyToId: 'm0' });
  client.messages.send('c', { type: 'IMAGE', attachmentIds: ['u1'] });
  client.messages.retry(clientMessageId, { confirmed: true });
  client.messages.discard(clientMessageId);
  client.messages.edit('m', 'new text');
  client.chats.markRead('c', 'm');
  // @ts-expect-error content is a string
  client.messages.send('c', { content: 1 });
  // @ts-expect-error no such message type
  client.messages.send('c', { content: 'x', type: 'STICKER' });
  // @ts-expect-error the chat id comes first
  client.messages.send({ content: 'hi' });
  // @ts-expect-error the content field is `content`
  client.messages.send('c', { text: 'hi' });
  // @ts-expect-error send returns the clientMessageId, not a promise
  await client.messages.send('c', { content: 'hi' }).then(() => undefined);
  // @ts-expect-error edit takes the new content as a string
  client.messages.edit('m', { content: 'x' });

  // Requests answered with the ack's shape, never a rejection.
  const reacted = await client.messages.react('m', '👍', true);
  if (reacted.ok) {
    const count: number = reacted.data.reactions[0]!.count;
    void count;
  } else {
    const why: string = reacted.error.message;
    void why;
  }
  // @ts-expect-error react says whether to add or take back
  void client.messages.react('m', '👍');
  const hidden = await client.messages.hide('m');
  // @ts-expect-error a hide answers { chatId, messageId, hiddenAt }, not a message
  if (hidden.ok) void hidden.data.content;
  void client.messages.forward('m', 'c', { clientMessageId: 'f1' });
  // @ts-expect-error the target is a chat id
  void client.messages.forward('m', { chatId: 'c' });
  const uploaded = await client.upload({ file: new Blob(['x']), chatId: 'c', onProgress: (f: number) => f });
  const uploadId: string = uploaded.id;
  void uploadId;
  // @ts-expect-error the file is a Blob
  void client.upload({ file: 'photo.jpg' });
  client.chats.put([]);
  // @ts-expect-error put takes chats as the server sends them
  client.chats.put([{ id: 'c' }]);

  // State and storage.
  const state: ChatState = client.store.getState();
  const first: OutboxItem | undefined = state.outbox[0];
  const stored: MessageDto | undefined = state.messages.c?.bySeq[1];
  if (first) {
    const status: 'pending' | 'sending' | 'failed' = first.status;
    const shown: 'pending' | 'failed' | 'sent' | 'delivered' | 'read' = messageStatus(state, 'c', first);
    void [status, shown];
  }
  void stored;
  // @ts-expect-error the store is read through getState()
  void client.store.outbox;
  const custom: OutboxStorage = {
    load: async () => [],
    put: async () => undefined,
    delete: async () => undefined,
  };
  // @ts-expect-error a storage must be able to delete
  const partial: OutboxStorage = { load: async () => [], put: async () => undefined };
  void [custom, partial];
  keyValueStorage({ getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  keyValueStorage(
    { getItem: async () => null, setItem: async () => undefined, removeItem: async () => undefined },
    'p:',
  );
  // @ts-expect-error a key-value store needs removeItem
  keyValueStorage({ getItem: () => null, setItem: () => undefined });

  cutConnection(client);
  restoreConnection(client);
  // @ts-expect-error cutConnection takes the client, not its socket
  cutConnection(client.socket);
}
