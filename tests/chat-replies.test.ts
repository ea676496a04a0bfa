// Replies and the one-message read behind a reply's quote: who may fetch a
// message by id, and what a quote learns about a deleted or foreign original.
import { type Api, registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { TEST_DB } from './support/server';
import { closeAllSockets } from './support/sockets';
import { afterAll, describe, expect, it } from './support/fixtures';

afterAll(async ({ server }) => {
  closeAllSockets();
  await server?.stop();
});

const SESSIONS = '/api/v1/chat/sessions';
const messagesOf = (chatId: string) => `${SESSIONS}/${chatId}/messages`;
const message = (id: string) => `/api/v1/chat/messages/${id}`;
const NOT_FOUND = { code: 'NOT_FOUND', message: 'This message does not exist or you cannot see it.' };

async function send(api: Api, user: TestUser, chatId: string, content: string, extra: object = {}) {
  const res = await api.post(messagesOf(chatId), { content, ...extra }, user.token);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.message as { id: string; seq: number; content: string; replyToId: string | null };
}

describe(`GET /chat/messages/:id on ${TEST_DB}`, () => {
  it('gives a member the message, as history has it, and a tombstone once deleted', async ({ api }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const sent = await send(api, ann, chatId, 'the original');
    const res = await api.get(message(sent.id), bob.token);
    expect(res.status).toBe(200);
    const history = await api.get(messagesOf(chatId), bob.token);
    expect(res.body).toEqual({ message: history.body.items[0] });
    expect(res.body.message).toMatchObject({
      id: sent.id,
      chatId,
      senderId: ann.id,
      content: 'the original',
    });

    await api.delete(message(sent.id), ann.token);
    const gone = await api.get(message(sent.id), bob.token);
    expect(gone.status).toBe(200);
    expect(gone.body.message).toMatchObject({ id: sent.id, content: '', deletedAt: expect.any(String) });
  });

  it('answers an outsider, a member who left, unknown and malformed ids 404, alike', async ({ api }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = await createGroup(api, ann, [bob]);
    const sent = await send(api, ann, chatId, 'members only');
    expect((await api.get(message(sent.id), bob.token)).status).toBe(200);
    expect((await api.delete(`${SESSIONS}/${chatId}`, bob.token)).status).toBe(204);
    for (const [user, id] of [
      [eve, sent.id],
      [bob, sent.id],
      [ann, crypto.randomUUID()],
      [ann, 'not-an-id'],
      [ann, '%00'],
    ] as const) {
      const res = await api.get(message(id), user.token);
      expect(res.status, `${user.name} ${id}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body.error).toEqual(NOT_FOUND);
    }
    // Added back, Bob sees it again.
    await api.put(`${SESSIONS}/${chatId}`, { addParticipantIds: [bob.id] }, ann.token);
    expect((await api.get(message(sent.id), bob.token)).body.message.content).toBe('members only');
  });

  it('answers 401 without credentials or with a bad token', async ({ api }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const sent = await send(api, ann, await createDirect(api, ann, bob), 'private');
    for (const token of [undefined, 'not-a-token']) {
      const res = await api.get(message(sent.id), token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.body)).not.toContain('private');
    }
  });
});

describe(`replying on ${TEST_DB}`, () => {
  it('stores replyToId from REST and sockets, and refuses an original from another chat', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createDirect(api, ann, bob);
    const original = await send(api, ann, chatId, 'question?');
    expect((await send(api, bob, chatId, 'answer', { replyToId: original.id })).replyToId).toBe(original.id);

    const socket = await openSocket({ token: bob.token });
    const ack = await socket
      .timeout(5000)
      .emitWithAck('send_message', { chatId, content: 'again', replyToId: original.id });
    expect(ack).toMatchObject({ ok: true, data: { replyToId: original.id, content: 'again' } });

    const elsewhere = await send(api, ann, await createDirect(api, ann, cat), 'not here');
    const refused = await api.post(messagesOf(chatId), { content: 'x', replyToId: elsewhere.id }, bob.token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^replyToId:/);
    // Bob cannot read the other chat's message through the quote lookup either.
    expect((await api.get(message(elsewhere.id), bob.token)).status).toBe(404);
  });
});
