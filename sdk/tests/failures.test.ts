// A send the server refuses reaches the user: the outbox item turns failed
// with the server's reason, nothing is stored, the chat's later sends still
// go, and retry / discard do what they say.
import { messageStatus, type ChatClient, type OutboxItem } from '@chat/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled } from './support/compare';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import { Api, closeClients, createDirect, openClient, waitFor, type TestUser } from './support/users';

let server: ServerUnderTest;
let api: Api;
let ann: TestUser;
let bob: TestUser;
let cid: TestUser;
let direct: string;
let client: ChatClient;

beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_failures');
  api = new Api(server.url);
  [ann, bob, cid] = await Promise.all([api.register('Ann'), api.register('Bob'), api.register('Cid')]);
  direct = await createDirect(api, ann, bob);
  client = await openClient(server.url, ann);
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

const item = (id: string): OutboxItem | undefined => client.store.getState().outbox.find((i) => i.id === id);

async function failedWith(id: string, code: string): Promise<OutboxItem> {
  await waitFor(() => item(id)?.status === 'failed', 10_000, `${id} to fail`);
  const failed = item(id)!;
  expect(failed.error?.code).toBe(code);
  expect(failed.error?.message).toEqual(expect.any(String));
  return failed;
}

async function stored(clientMessageId: string): Promise<Array<{ content: string; flagged: boolean }>> {
  const { rows } = await server.db.query<{ content: string; flagged: boolean }>(
    `SELECT content, flagged FROM "ChatMessage" WHERE "clientMessageId" = $1`,
    [clientMessageId],
  );
  return rows;
}

describe('refused sends', () => {
  it('marks a send to a chat the user is not in failed, and stores nothing', async () => {
    const theirs = await createDirect(api, bob, cid);
    const id = client.messages.send(theirs, { content: 'let me in' });
    const failed = await failedWith(id, 'NOT_FOUND');
    expect(failed.kind).toBe('send');
    expect(messageStatus(client.store.getState(), theirs, failed)).toBe('failed');
    expect(await stored(id)).toEqual([]);
    // whenSettled does not wait for what only the user can decide.
    await settled(client, 10_000);
    client.messages.discard(id);
    expect(item(id)).toBeUndefined();
  });

  it('fails an over-long and an empty content with the server’s reason; the chat’s later sends still go, in order', async () => {
    const long = client.messages.send(direct, { content: 'x'.repeat(4001) });
    const after = client.messages.send(direct, { content: 'after the long one' });
    const empty = client.messages.send(direct, { content: '' });
    const last = client.messages.send(direct, { content: 'after the empty one' });
    await failedWith(long, 'PAYLOAD_TOO_LARGE');
    await failedWith(empty, 'VALIDATION');
    await settled(client, 20_000);
    expect(await stored(long)).toEqual([]);
    expect(await stored(empty)).toEqual([]);
    const { rows } = await server.db.query<{ content: string }>(
      `SELECT content FROM "ChatMessage" WHERE "chatId" = $1 AND "clientMessageId" = ANY($2) ORDER BY seq`,
      [direct, [after, last]],
    );
    expect(rows.map((r) => r.content)).toEqual(['after the long one', 'after the empty one']);
    // The delivered ones are in the store, the failed ones are not.
    const contents = Object.values(client.store.getState().messages[direct]?.bySeq ?? {}).map(
      (m) => m.content,
    );
    expect(contents).toEqual(expect.arrayContaining(['after the long one', 'after the empty one']));
    expect(contents.some((c) => c.startsWith('xxxx'))).toBe(false);

    // retry: asks again, and is refused again for the same reason.
    const before = item(long)!.attempts;
    client.messages.retry(long);
    await waitFor(
      () => (item(long)?.attempts ?? 0) > before && item(long)?.status === 'failed',
      10_000,
      'the retry',
    );
    expect(item(long)!.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stored(long)).toEqual([]);

    // discard: gone from the outbox and from storage.
    client.messages.discard(empty);
    client.messages.discard(long);
    expect(item(empty)).toBeUndefined();
    expect(item(long)).toBeUndefined();
  });

  it('retries a flagged word with confirmed: true, and stores it once, flagged', async () => {
    const id = client.messages.send(direct, { content: 'what the f4ck' });
    await failedWith(id, 'CONFIRM_REQUIRED');
    expect(await stored(id)).toEqual([]);
    client.messages.retry(id, { confirmed: true });
    await settled(client, 20_000);
    expect(item(id)).toBeUndefined();
    expect(await stored(id)).toEqual([{ content: 'what the f4ck', flagged: true }]);
    const mine = Object.values(client.store.getState().messages[direct]!.bySeq).filter(
      (m) => m.clientMessageId === id,
    );
    expect(mine).toMatchObject([{ content: 'what the f4ck', flagged: true }]);
  });

  it('fails a send into a blocked chat, and delivers it on retry once unblocked', async () => {
    expect((await api.post('/api/v1/blocks', { userId: ann.id }, bob.token)).status).toBe(201);
    const id = client.messages.send(direct, { content: 'are you there?' });
    await failedWith(id, 'BLOCKED');
    expect(await stored(id)).toEqual([]);
    expect((await api.delete(`/api/v1/blocks/${ann.id}`, bob.token)).status).toBeLessThan(300);
    client.messages.retry(id);
    await settled(client, 20_000);
    expect(item(id)).toBeUndefined();
    expect(await stored(id)).toEqual([{ content: 'are you there?', flagged: false }]);
  });

  it('fails an edit and a delete of someone else’s message, leaving it as it was', async () => {
    const res = await api.post(
      `/api/v1/chat/sessions/${direct}/messages`,
      { content: 'bob wrote this' },
      bob.token,
    );
    expect(res.status).toBe(201);
    const messageId: string = res.body.message.id;
    await client.sync();
    client.messages.edit(messageId, 'ann rewrote it');
    client.messages.delete(messageId);
    const [edit, remove] = client.store.getState().outbox.filter((i) => i.kind !== 'send');
    expect([edit?.kind, remove?.kind]).toEqual(['edit', 'delete']);
    await failedWith(edit!.id, 'FORBIDDEN');
    await failedWith(remove!.id, 'FORBIDDEN');
    const { rows } = await server.db.query(
      `SELECT content, "editedAt", "deletedAt" FROM "ChatMessage" WHERE id = $1`,
      [messageId],
    );
    expect(rows).toEqual([{ content: 'bob wrote this', editedAt: null, deletedAt: null }]);
    client.messages.discard(edit!.id);
    client.messages.discard(remove!.id);
    expect(client.store.getState().outbox).toEqual([]);
  });
});
