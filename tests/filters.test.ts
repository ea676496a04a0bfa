// Word filters (issue 15, item 6): the platform list from the moderation
// console applied to sends and edits on REST and the socket (a BLOCK word
// refuses, a FLAG word asks once and is then stored flagged), obscenity's
// English baseline flagging profanity through leetspeak without Scunthorpe
// false positives, and each person's hidden words, which only they can read.
import { randomUUID } from 'node:crypto';
import type { Api, TestUser } from './support/api';
import { createDirect, waitFor } from './support/chat';
import { call, collect } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const ADMIN_EMAIL = `filters-admin-${randomUUID().slice(0, 8)}@example.com`;
const WORDS = '/api/v1/admin/words';
const HIDDEN = '/api/v1/users/me/hidden-words';
const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;

it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL });

let admin: TestUser;
let ann: TestUser;
let bob: TestUser;
let chatId: string;

async function registerAdmin(api: Api): Promise<TestUser> {
  const password = `pw-${randomUUID()}`;
  const res = await api.post('/api/v1/auth/register', { email: ADMIN_EMAIL, password, name: 'Admin' });
  if (res.status !== 201) throw new Error(`admin sign-up: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, name: 'Admin', email: ADMIN_EMAIL, password, token: res.body.token };
}

const messageCount = (server: TestServer) => server.database.prisma.chatMessage.count({ where: { chatId } });

beforeAll(async ({ api }) => {
  admin = await registerAdmin(api);
  [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  chatId = await createDirect(api, ann, bob);
  for (const [word, action] of [
    ['grifter', 'block'],
    ['scam', 'flag'],
  ]) {
    const res = await api.post(WORDS, { word, action }, admin.token);
    if (res.status !== 201) throw new Error(`add ${word}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});

describe(`the console word list on ${TEST_DB}`, () => {
  it('is for moderators and admins only: 404 for everyone else, with nothing changed', async ({
    api,
    server,
  }) => {
    const listed = await api.get(WORDS, admin.token);
    expect(listed.status).toBe(200);
    const grifter = listed.body.items.find((w: any) => w.word === 'grifter');
    expect(grifter).toEqual({
      id: expect.any(String),
      word: 'grifter',
      action: 'block',
      createdAt: expect.any(String),
    });

    const before = await server.database.prisma.filterWord.count();
    for (const res of [
      await api.get(WORDS, ann.token),
      await api.post(WORDS, { word: 'sneaky', action: 'block' }, ann.token),
      await api.delete(`${WORDS}/${grifter.id}`, ann.token),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'There is nothing here.' });
    }
    expect(await server.database.prisma.filterWord.count()).toBe(before);
    expect((await api.get(WORDS)).status).toBe(401);

    // A moderator (granted in the console; here straight in the database) manages it too.
    const mod = await api.register('Mod');
    await server.database.prisma.user.update({ where: { id: mod.id }, data: { platformRole: 'MODERATOR' } });
    expect((await api.get(WORDS, mod.token)).body.items).toEqual(listed.body.items);
  });

  it('adds once (201, then 409), removes once (204, then 404), and audits both', async ({ api, server }) => {
    const added = await api.post(WORDS, { word: '  Lemon   Tart ', action: 'flag' }, admin.token);
    expect(added.status).toBe(201);
    expect(added.body.item).toMatchObject({ word: 'lemon tart', action: 'flag' });
    const again = await api.post(WORDS, { word: 'LEMON TART', action: 'block' }, admin.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'CONFLICT',
      message: '“lemon tart” is already on the word list.',
    });

    const id = added.body.item.id as string;
    expect((await api.delete(`${WORDS}/${id}`, admin.token)).status).toBe(204);
    expect((await api.delete(`${WORDS}/${id}`, admin.token)).status).toBe(404);
    expect((await api.delete(`${WORDS}/not-an-id`, admin.token)).status).toBe(404);

    const audit = await server.database.prisma.auditEntry.findMany({
      where: { actorId: admin.id, action: { in: ['word.added', 'word.removed'] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(
      audit.filter((a) => (a.details as { wordId?: string }).wordId === id).map((a) => a.action),
    ).toEqual(['word.added', 'word.removed']);
  });

  it('refuses bad input with 400 and stores nothing', async ({ api, server }) => {
    const before = await server.database.prisma.filterWord.count();
    for (const body of [
      {},
      [],
      'grape',
      { word: 5, action: 'block' },
      { word: 'grape', action: 'ban' },
      { word: 'grape', action: 'BLOCK' },
      { word: 'grape' },
      { word: '   ', action: 'flag' },
      { word: '!!!', action: 'flag' },
      { word: 'g'.repeat(65), action: 'flag' },
      { word: 'gr\u0000pe', action: 'flag' },
      { word: 'grape', action: 'flag', reason: 'unknown fields are refused' },
    ]) {
      const res = await api.post(WORDS, body, admin.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const unknown = await api.post(WORDS, { word: 'grape', action: 'flag', extra: 1 }, admin.token);
    expect(unknown.body.error.message).toBe('Unknown field: extra.');
    expect(await server.database.prisma.filterWord.count()).toBe(before);
  });
});

describe(`sends and edits through the filter on ${TEST_DB}`, () => {
  it('refuses a blocked word on REST and the socket, stores nothing, and tells the sender which', async ({
    api,
    server,
    openSocket,
  }) => {
    const annSocket = await openSocket({ token: ann.token });
    const bobSocket = await openSocket({ token: bob.token });
    const received = collect(bobSocket, 'message_received');
    const before = await messageCount(server);

    const rest = await api.post(
      messagesOf(chatId),
      { content: 'you grifter', clientMessageId: 'b-1' },
      ann.token,
    );
    expect(rest.status).toBe(422);
    expect(rest.body.error).toEqual({
      code: 'CONTENT_BLOCKED',
      message:
        'This message contains a word that is not allowed here: “grifter”. Change it to send your message.',
    });
    // Even confirmed: a block is not a question.
    const confirmed = await api.post(messagesOf(chatId), { content: 'GRIFTER!', confirmed: true }, ann.token);
    expect(confirmed.status).toBe(422);

    // Leetspeak, repeated letters and look-alikes of a console word.
    for (const content of ['gr1ft3r', 'griiifterrr', 'gr!fter', 'g\u0433ifter']) {
      const ack = await call(annSocket, 'send_message', { chatId, content, clientMessageId: randomUUID() });
      expect(ack, content).toEqual({
        ok: false,
        error: { code: 'CONTENT_BLOCKED', message: expect.any(String) },
      });
    }
    const ack = await call(annSocket, 'send_message', {
      chatId,
      content: 'a gr1ft3r',
      clientMessageId: 'b-2',
    });
    expect(ack.ok || ack.error.message).toBe(
      'This message contains a word that is not allowed here: “gr1ft3r”. Change it to send your message.',
    );

    expect(await messageCount(server)).toBe(before);
    // The retry with a clean text goes through under the same clientMessageId: nothing was kept.
    const clean = await api.post(
      messagesOf(chatId),
      { content: 'you gifted talker', clientMessageId: 'b-1' },
      ann.token,
    );
    expect(clean.status).toBe(201);
    await waitFor(() => received.length > 0, 5000, 'the clean message');
    expect(received.map((m) => m.content)).toEqual(['you gifted talker']);
  });

  it('lets Scunthorpe-style words through, with the baseline on', async ({ api }) => {
    for (const content of [
      'I grew up in Scunthorpe',
      'the assassin took a class',
      'grapes from Essex, with a cocktail',
      'grifters and scammers', // console words match whole words only
    ]) {
      const res = await api.post(messagesOf(chatId), { content }, ann.token);
      expect(res.status, content).toBe(201);
      expect(res.body.message.flagged).toBe(false);
    }
  });

  it('asks before a flagged word; confirmed with the same clientMessageId, it is stored flagged and delivered so', async ({
    api,
    server,
    openSocket,
  }) => {
    const bobSocket = await openSocket({ token: bob.token });
    const before = await messageCount(server);
    const body = { content: 'what the f4ck, is this a $cam?', clientMessageId: 'f-1' };

    const asked = await api.post(messagesOf(chatId), body, ann.token);
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe('CONFIRM_REQUIRED');
    expect(asked.body.error.message).toMatch(/^Are you sure\? “(f4ck|\$cam)” may be hurtful/);
    expect((await api.post(messagesOf(chatId), { ...body, confirmed: false }, ann.token)).status).toBe(409);
    expect(await messageCount(server)).toBe(before);

    const arrives = nextEvent<any>(bobSocket, 'message_received', 5000, (m) => m.clientMessageId === 'f-1');
    const sent = await api.post(messagesOf(chatId), { ...body, confirmed: true }, ann.token);
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ content: body.content, flagged: true });
    expect((await arrives).flagged).toBe(true);
    // Idempotent as ever: the retry finds the first.
    const retry = await api.post(messagesOf(chatId), { ...body, confirmed: true }, ann.token);
    expect(retry.status).toBe(200);
    expect(retry.body.message.id).toBe(sent.body.message.id);
    expect(await messageCount(server)).toBe(before + 1);

    // In history too, for the receiver.
    const page = await api.get(`${messagesOf(chatId)}?limit=1`, bob.token);
    expect(page.body.items[0]).toMatchObject({ id: sent.body.message.id, flagged: true });
  });

  it('asks over the socket the same way', async ({ openSocket, server }) => {
    const annSocket = await openSocket({ token: ann.token });
    const bobSocket = await openSocket({ token: bob.token });
    const payload = { chatId, content: 'SCAM alert', clientMessageId: 's-1' };
    const before = await messageCount(server);

    expect(await call(annSocket, 'send_message', payload)).toEqual({
      ok: false,
      error: {
        code: 'CONFIRM_REQUIRED',
        message:
          'Are you sure? “SCAM” may be hurtful to the person you are writing to. Send it anyway, or edit it.',
      },
    });
    expect(await messageCount(server)).toBe(before);
    const arrives = nextEvent<any>(bobSocket, 'message_received', 5000, (m) => m.clientMessageId === 's-1');
    const ack = await call(annSocket, 'send_message', { ...payload, confirmed: true });
    expect(ack).toMatchObject({ ok: true, data: { content: 'SCAM alert', flagged: true } });
    expect((await arrives).flagged).toBe(true);
  });

  it('filters edits too; flagged follows the text', async ({ api, openSocket }) => {
    const annSocket = await openSocket({ token: ann.token });
    const sent = await api.post(messagesOf(chatId), { content: 'see you at six' }, ann.token);
    const url = `/api/v1/chat/messages/${sent.body.message.id}`;

    const blocked = await api.put(url, { content: 'see you, grifter' }, ann.token);
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe('CONTENT_BLOCKED');
    const overSocket = await call(annSocket, 'edit_message', {
      messageId: sent.body.message.id,
      content: 'gr1fter',
    });
    expect(overSocket).toMatchObject({ ok: false, error: { code: 'CONTENT_BLOCKED' } });

    expect((await api.put(url, { content: 'see you, scam' }, ann.token)).body.error.code).toBe(
      'CONFIRM_REQUIRED',
    );
    expect((await api.get(url, bob.token)).body.message).toMatchObject({
      content: 'see you at six',
      flagged: false,
    });

    const bobSocket = await openSocket({ token: bob.token });
    const edited = nextEvent<any>(bobSocket, 'message_edited');
    const confirmed = await call(annSocket, 'edit_message', {
      messageId: sent.body.message.id,
      content: 'see you, scam',
      confirmed: true,
    });
    expect(confirmed).toMatchObject({ ok: true, data: { content: 'see you, scam', flagged: true } });
    expect((await edited).flagged).toBe(true);

    const cleaned = await api.put(url, { content: 'see you at seven' }, ann.token);
    expect(cleaned.body.message).toMatchObject({ content: 'see you at seven', flagged: false });
  });

  it('applies a console change to the next message, and a removal too', async ({ api }) => {
    const added = await api.post(WORDS, { word: 'pineapple', action: 'block' }, admin.token);
    expect((await api.post(messagesOf(chatId), { content: 'p1neapple pizza' }, ann.token)).status).toBe(422);
    await api.delete(`${WORDS}/${added.body.item.id}`, admin.token);
    expect((await api.post(messagesOf(chatId), { content: 'p1neapple pizza' }, ann.token)).status).toBe(201);
  });

  it('refuses a confirmation that is not true or false, storing nothing', async ({
    api,
    server,
    openSocket,
  }) => {
    const annSocket = await openSocket({ token: ann.token });
    const before = await messageCount(server);
    for (const confirmed of ['yes', 1, null, {}]) {
      const res = await api.post(messagesOf(chatId), { content: 'scam', confirmed }, ann.token);
      expect(res.status, JSON.stringify(confirmed)).toBe(400);
      expect(res.body.error).toEqual({
        code: 'VALIDATION',
        message: 'confirmed: confirmed must be true or false.',
      });
      const ack = await call(annSocket, 'send_message', { chatId, content: 'scam', confirmed });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await messageCount(server)).toBe(before);
  });
});

describe(`hidden words on ${TEST_DB}`, () => {
  it('are each person’s own: stored normalised, replaced whole, read by nobody else', async ({ api }) => {
    const [cat, dan] = await Promise.all([api.register('Cat'), api.register('Dan')]);
    expect((await api.get(HIDDEN, cat.token)).body).toEqual({ words: [] });

    const saved = await api.put(
      HIDDEN,
      { words: ['Spoilers', ' spoilers ', 'Work   Stuff', 'ex'] },
      cat.token,
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ words: ['ex', 'spoilers', 'work stuff'] });
    expect((await api.get(HIDDEN, cat.token)).body).toEqual(saved.body);

    // Dan's list is his own; his save leaves Cat's alone, and there is no way to ask for hers.
    expect((await api.get(HIDDEN, dan.token)).body).toEqual({ words: [] });
    await api.put(HIDDEN, { words: ['mondays'] }, dan.token);
    expect((await api.get(HIDDEN, cat.token)).body.words).toEqual(['ex', 'spoilers', 'work stuff']);
    expect((await api.get(`${HIDDEN}?userId=${cat.id}`, dan.token)).body.words).toEqual(['mondays']);
    expect((await api.get(HIDDEN)).status).toBe(401);

    // The whole list is replaced, down to nothing.
    expect((await api.put(HIDDEN, { words: [] }, cat.token)).body).toEqual({ words: [] });
  });

  it('refuses bad input with 400 and keeps the list as it was', async ({ api }) => {
    const eve = await api.register('Eve');
    await api.put(HIDDEN, { words: ['kept'] }, eve.token);
    for (const body of [
      {},
      [],
      { words: 'kept' },
      { words: [1] },
      { words: [null] },
      { words: [''] },
      { words: ['w'.repeat(65)] },
      { words: Array.from({ length: 201 }, (_, i) => `w${i}`) },
      { words: ['a\u0000b'] },
      { words: ['ok'], userId: ann.id },
    ]) {
      const res = await api.put(HIDDEN, body, eve.token);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await api.get(HIDDEN, eve.token)).body.words).toEqual(['kept']);
    expect(
      (await api.put(HIDDEN, { words: Array.from({ length: 200 }, (_, i) => `w${i}`) }, eve.token)).status,
    ).toBe(200);
  });
});
