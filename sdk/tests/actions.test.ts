// The requests a chat screen makes besides the outbox's: history pages (over
// the socket, over REST when it is cut, one request for concurrent calls),
// delete for me, reactions (shown at once, undone on a refusal), forwards and
// uploads, each landing in the store as the server stored it, or refused with
// nothing stored.
import {
  ChatApiError,
  storedMessages,
  UploadAbortedError,
  type ChatClient,
  type MessageDto,
} from '@chat/sdk';
import { cutConnection, restoreConnection } from '@chat/sdk/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pngThenHtml, tinyPng } from '../../tests/support/media';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import {
  Api,
  closeClients,
  createDirect,
  createGroup,
  openClient,
  waitFor,
  type TestUser,
} from './support/users';

let server: ServerUnderTest;
let api: Api;
let ann: TestUser;
let bob: TestUser;
let cid: TestUser;
let direct: string;
let annClient: ChatClient;
let bobClient: ChatClient;

beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_actions');
  api = new Api(server.url);
  [ann, bob, cid] = await Promise.all([api.register('Ann'), api.register('Bob'), api.register('Cid')]);
  direct = await createDirect(api, ann, bob);
  [annClient, bobClient] = await Promise.all([openClient(server.url, ann), openClient(server.url, bob)]);
  await Promise.all([annClient.chats.load(), bobClient.chats.load()]);
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

/** Sends over REST (not through a client under test) and returns the stored message. */
async function say(from: TestUser, chatId: string, content: string): Promise<MessageDto> {
  const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, from.token);
  if (res.status !== 201) throw new Error(`send: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message as MessageDto;
}

const held = (client: ChatClient, chatId: string, id: string) =>
  storedMessages(client.store.getState(), chatId).find((m) => m.id === id);

/**
 * REST requests for history pages, counted while `counting`. The REST client
 * takes the global fetch when it is made, so this is installed first.
 */
const history = { requests: 0, counting: false };
const originalFetch = globalThis.fetch;
function countHistoryRequests() {
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (history.counting && /\/api\/v1\/chat\/sessions\/[^/]+\/messages/.test(url)) history.requests++;
    return originalFetch(input, init);
  };
}
async function historyRequests(fn: () => Promise<unknown>): Promise<number> {
  history.requests = 0;
  history.counting = true;
  try {
    await fn();
  } finally {
    history.counting = false;
  }
  return history.requests;
}

describe('history pages', () => {
  let chatId: string;
  let client: ChatClient;
  beforeAll(async () => {
    chatId = await createDirect(api, ann, cid);
    for (let i = 1; i <= 30; i++) await say(cid, chatId, `history ${i}`);
    countHistoryRequests();
    client = await openClient(server.url, ann);
    await client.chats.load();
  });
  afterEach(() => restoreConnection(client));
  afterAll(() => {
    globalThis.fetch = originalFetch;
  });

  it('come over the socket while it is up, and two calls at once share one page', async () => {
    const requests = await historyRequests(async () => {
      const [a, b] = await Promise.all([
        client.messages.loadOlder(chatId, 10),
        client.messages.loadOlder(chatId, 10),
      ]);
      expect(a).toEqual({ hasMore: true });
      expect(b).toBe(a);
    });
    expect(requests).toBe(0);
    expect(storedMessages(client.store.getState(), chatId).map((m) => m.seq)).toEqual(
      Array.from({ length: 10 }, (_, i) => 21 + i),
    );
  });

  it('come over REST while the connection is cut, joining the store without gaps or duplicates', async () => {
    cutConnection(client);
    await waitFor(() => !client.socket.connected, 5_000, 'the socket to close');
    const requests = await historyRequests(() => client.messages.loadAll(chatId));
    expect(requests).toBeGreaterThan(0);
    const seqs = storedMessages(client.store.getState(), chatId).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(client.store.getState().messages[chatId]?.hasMoreBefore).toBe(false);
  });
});

describe('delete for me', () => {
  it('takes the message out of my store and my list preview only', async () => {
    const first = await say(bob, direct, 'stays');
    const second = await say(bob, direct, 'hide me');
    await waitFor(() => held(annClient, direct, second.id) !== undefined, 10_000, 'Ann to hear it');
    await waitFor(() => held(bobClient, direct, second.id) !== undefined, 10_000, 'Bob to hold it');
    const answer = await annClient.messages.hide(second.id);
    expect(answer).toMatchObject({ ok: true, data: { chatId: direct, messageId: second.id } });
    expect(held(annClient, direct, second.id)).toBeUndefined();
    expect(annClient.store.getState().chats[direct]?.lastMessage?.id).toBe(first.id);
    const { rows } = await server.db.query(`SELECT 1 FROM "HiddenMessage" WHERE "messageId" = $1`, [
      second.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(held(bobClient, direct, second.id)).toMatchObject({ content: 'hide me' });
  });

  it('is refused for a message in a chat I am not in, and while offline, changing nothing', async () => {
    const other = await createDirect(api, bob, cid);
    const theirs = await say(cid, other, 'not yours');
    expect(await annClient.messages.hide(theirs.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const mine = await say(bob, direct, 'kept while offline');
    await waitFor(() => held(annClient, direct, mine.id) !== undefined, 10_000, 'Ann to hear it');
    cutConnection(annClient);
    try {
      expect(await annClient.messages.hide(mine.id)).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE' },
      });
      expect(held(annClient, direct, mine.id)).toBeDefined();
    } finally {
      restoreConnection(annClient);
    }
    await waitFor(() => annClient.socket.connected, 10_000, 'Ann back online');
    const { rows } = await server.db.query(`SELECT 1 FROM "HiddenMessage" WHERE "messageId" = ANY($1)`, [
      [theirs.id, mine.id],
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('reactions', () => {
  it('show at once, are stored, reach the other person with the list’s reaction line, and go back', async () => {
    const m = await say(ann, direct, 'react to me');
    await waitFor(() => held(bobClient, direct, m.id) !== undefined, 10_000, 'Bob to hear it');
    const pending = bobClient.messages.react(m.id, '👍', true);
    // Optimistic: in the store before the server answers.
    expect(held(bobClient, direct, m.id)?.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [bob.id] }]);
    expect(await pending).toMatchObject({ ok: true });
    await waitFor(
      () => held(annClient, direct, m.id)?.reactions.length === 1,
      10_000,
      'Ann to hear the reaction',
    );
    expect(annClient.store.getState().chats[direct]?.lastReaction).toMatchObject({
      userId: bob.id,
      emoji: '👍',
      message: { id: m.id },
    });
    expect(await bobClient.messages.react(m.id, '👍', false)).toMatchObject({ ok: true });
    await waitFor(() => held(annClient, direct, m.id)?.reactions.length === 0, 10_000, 'the reaction gone');
    expect(annClient.store.getState().chats[direct]?.lastReaction).toBeNull();
  });

  it('go over REST while the socket is cut', async () => {
    const m = await say(ann, direct, 'react offline');
    await waitFor(() => held(bobClient, direct, m.id) !== undefined, 10_000, 'Bob to hear it');
    cutConnection(bobClient);
    try {
      expect(await bobClient.messages.react(m.id, '❤️', true)).toMatchObject({
        ok: true,
        data: { reactions: [{ emoji: '❤️', userIds: [bob.id] }] },
      });
    } finally {
      restoreConnection(bobClient);
    }
    const { rows } = await server.db.query(`SELECT emoji FROM "MessageReaction" WHERE "messageId" = $1`, [
      m.id,
    ]);
    expect(rows).toEqual([{ emoji: '❤️' }]);
  });

  it('refused (not an emoji), are undone in the store and not stored', async () => {
    const m = await say(ann, direct, 'bad reaction');
    await waitFor(() => held(bobClient, direct, m.id) !== undefined, 10_000, 'Bob to hear it');
    const answer = await bobClient.messages.react(m.id, 'not an emoji at all', true);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(held(bobClient, direct, m.id)?.reactions).toEqual([]);
    const { rows } = await server.db.query(`SELECT 1 FROM "MessageReaction" WHERE "messageId" = $1`, [m.id]);
    expect(rows).toHaveLength(0);
  });
});

describe('forward', () => {
  it('stores a copy of mine in the other chat, in my store as stored, once for a retried id', async () => {
    const group = await createGroup(api, ann, [bob, cid], 'Forwards');
    await annClient.chats.load();
    const m = await say(bob, direct, 'pass it on');
    const clientMessageId = crypto.randomUUID();
    const first = await annClient.messages.forward(m.id, group, { clientMessageId });
    const again = await annClient.messages.forward(m.id, group, { clientMessageId });
    expect(first).toMatchObject({
      ok: true,
      data: { chatId: group, content: 'pass it on', forwarded: true },
    });
    expect(again).toMatchObject({ ok: true, data: { id: first.ok ? first.data.id : '' } });
    expect(
      storedMessages(annClient.store.getState(), group).filter((x) => x.content === 'pass it on'),
    ).toHaveLength(1);
    const { rows } = await server.db.query(
      `SELECT 1 FROM "ChatMessage" WHERE "chatId" = $1 AND content = $2`,
      [group, 'pass it on'],
    );
    expect(rows).toHaveLength(1);
  });

  it('is refused into a chat I am not in, storing nothing', async () => {
    const other = await createDirect(api, bob, cid);
    const m = await say(bob, direct, 'not for them');
    const answer = await annClient.messages.forward(m.id, other);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { rows } = await server.db.query(
      `SELECT 1 FROM "ChatMessage" WHERE "chatId" = $1 AND content = $2`,
      [other, 'not for them'],
    );
    expect(rows).toHaveLength(0);
  });
});

describe('upload', () => {
  const uploads = async (chatId: string) =>
    (await server.db.query(`SELECT 1 FROM "Upload" WHERE "chatId" = $1`, [chatId])).rows.length;

  it('stores a photo for a chat, with progress to the end, and a send carries it', async () => {
    const progress: number[] = [];
    const photo = new Blob([new Uint8Array(await tinyPng(32, 24))], { type: 'image/png' });
    const upload = await annClient.upload({
      file: photo,
      name: 'dot.png',
      chatId: direct,
      onProgress: (f) => progress.push(f),
    });
    expect(upload).toMatchObject({ kind: 'image', mime: 'image/png', locationRemoved: false });
    expect(progress.at(-1)).toBe(1);
    const id = annClient.messages.send(direct, { type: 'IMAGE', attachmentIds: [upload.id] });
    await annClient.whenSettled();
    const sent = storedMessages(annClient.store.getState(), direct).find((m) => m.clientMessageId === id);
    expect(sent?.attachments).toEqual([expect.objectContaining({ id: upload.id })]);
  });

  it('refuses a stranger’s chat and a file that is not what it claims, storing nothing', async () => {
    const other = await createDirect(api, bob, cid);
    const [before, beforeHere] = [await uploads(other), await uploads(direct)];
    const photo = new Blob([new Uint8Array(await tinyPng())], { type: 'image/png' });
    const refused = await annClient.upload({ file: photo, chatId: other }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChatApiError);
    expect(refused).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    // A PNG header followed by HTML: not an image the server will decode.
    const html = new Blob([new Uint8Array(await pngThenHtml())], { type: 'image/png' });
    const fake = await annClient
      .upload({ file: html, name: 'x.png', chatId: direct })
      .catch((e: unknown) => e);
    expect(fake).toBeInstanceOf(ChatApiError);
    expect((fake as ChatApiError).status).toBeGreaterThanOrEqual(400);
    expect((fake as ChatApiError).status).toBeLessThan(500);
    expect(await uploads(other)).toBe(before);
    expect(await uploads(direct)).toBe(beforeHere);
  });

  it('stops when its signal aborts, with UploadAbortedError', async () => {
    const controller = new AbortController();
    controller.abort();
    const photo = new Blob([new Uint8Array(await tinyPng())], { type: 'image/png' });
    await expect(
      annClient.upload({ file: photo, chatId: direct, signal: controller.signal }),
    ).rejects.toBeInstanceOf(UploadAbortedError);
  });
});
