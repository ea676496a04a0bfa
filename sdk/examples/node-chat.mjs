// A runnable @chat/sdk example: two people sign in (registered on first
// run), Ann opens a direct chat with Ben, they exchange messages, and each
// prints what arrives. Start a server, build the SDK (`npm run build`), then:
//   CHAT_URL=http://127.0.0.1:3000 node sdk/examples/node-chat.mjs
import { createChatClient } from '@chat/sdk';

const baseUrl = process.env.CHAT_URL ?? 'http://127.0.0.1:3000';

/** A bearer token: POST /api/v1/auth/token, or /api/v1/auth/register the first time. */
async function signIn(name, email, password) {
  const post = (path, body) =>
    fetch(`${baseUrl}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let res = await post('token', { email, password });
  if (res.status === 401) res = await post('register', { email, password, name });
  if (!res.ok) throw new Error(`${name} could not sign in: ${res.status} ${await res.text()}`);
  const { user, token } = await res.json();
  return { user, token };
}

const ann = await signIn('Ann', 'ann.sdk-example@example.com', 'a long passphrase for ann');
const ben = await signIn('Ben', 'ben.sdk-example@example.com', 'a long passphrase for ben');

const logger = { warn: (...a) => console.warn('[sdk]', ...a), error: (...a) => console.error('[sdk]', ...a) };
const annClient = createChatClient({ baseUrl, token: ann.token, logger });
const benClient = createChatClient({ baseUrl, token: ben.token, logger });

for (const [who, client] of [
  ['Ann', annClient],
  ['Ben', benClient],
]) {
  client.on('message_received', (m) => console.log(`${who} received #${m.seq}: ${m.content}`));
  client.on('user_typing', ({ name }) => console.log(`${who} sees ${name} typing…`));
}

// The REST client is typed by the OpenAPI document: a wrong body does not compile (in TypeScript).
const { data, error } = await annClient.rest.POST('/api/v1/chat/sessions', {
  body: { type: 'DIRECT', targetUserId: ben.user.id },
});
const chat = data?.chat;
if (!chat) throw new Error(`could not open the chat: ${JSON.stringify(error)}`);
console.log(`chat ${chat.id} between Ann and Ben`);

await Promise.all([annClient.connect(), benClient.connect()]);
await Promise.all([annClient.whenSettled(), benClient.whenSettled()]);

annClient.typing.start(chat.id);
const id = annClient.messages.send(chat.id, {
  content: `Hello Ben, it is ${new Date().toLocaleTimeString()}`,
});
console.log(
  `Ann queued ${id}:`,
  annClient.store.getState().outbox.map((i) => i.status),
);
await annClient.whenSettled();

benClient.messages.send(chat.id, { content: 'Hi Ann! Got it.' });
await benClient.whenSettled();
benClient.chats.markRead(chat.id);
await benClient.whenSettled();
// Give the read receipt a moment to reach Ann.
await new Promise((resolve) => setTimeout(resolve, 300));

await annClient.messages.loadAll(chat.id);
const state = annClient.store.getState();
const thread = state.messages[chat.id];
console.log(
  `Ann's store holds ${thread.seqs.length} messages in this chat (synced to #${thread.syncedSeq}):`,
);
for (const seq of thread.seqs.slice(-5)) {
  const m = thread.bySeq[seq];
  console.log(`  #${seq} ${m.senderId === ann.user.id ? 'Ann' : 'Ben'}: ${m.content}`);
}

await Promise.all([annClient.close(), benClient.close()]);
