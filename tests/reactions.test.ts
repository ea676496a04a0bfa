// Reactions (issue 20, item 1): one per person per emoji, toggled over REST
// and the socket, live to the chat's room, caught up by sync, shown in the
// chat list, and never from or to someone with a block between the two.
import type { Api, TestUser } from './support/api';
import { registerAll } from './support/api';
import { createDirect, createGroup, sleep } from './support/chat';
import { call, collect } from './support/emit';
import { describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const HEART = '❤️';
const reactionPath = (messageId: string, emoji: string) =>
  `/api/v1/chat/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;
const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;

async function send(api: Api, from: TestUser, chatId: string, content = 'Hello'): Promise<any> {
  const res = await api.post(messagesOf(chatId), { content }, from.token);
  expect(res.status).toBe(201);
  return res.body.message;
}

const react = (api: Api, who: TestUser, messageId: string, emoji: string) =>
  api.put(reactionPath(messageId, emoji), undefined, who.token);
const unreact = (api: Api, who: TestUser, messageId: string, emoji: string) =>
  api.delete(reactionPath(messageId, emoji), who.token);

async function historyOf(api: Api, who: TestUser, chatId: string): Promise<any[]> {
  const res = await api.get(messagesOf(chatId), who.token);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function reactionsSeenBy(api: Api, who: TestUser, chatId: string, messageId: string) {
  return (await historyOf(api, who, chatId)).find((m) => m.id === messageId)?.reactions;
}

const storedReactions = (server: TestServer, messageId: string) =>
  server.database.prisma.messageReaction.count({ where: { messageId } });

describe(`reactions on ${TEST_DB}`, () => {
  it('adds, counts and takes back reactions over REST, idempotently, one per person per emoji', async ({
    api,
    server,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createGroup(api, ann, [bob, cat]);
    const m = await send(api, ann, chatId);
    expect(m.reactions).toEqual([]);

    const first = await react(api, bob, m.id, HEART);
    expect(first.status).toBe(200);
    expect(first.body.message.id).toBe(m.id);
    expect(first.body.message.reactions).toEqual([{ emoji: HEART, count: 1, userIds: [bob.id] }]);
    // Again: the same answer, still one row.
    const again = await react(api, bob, m.id, HEART);
    expect(again.status).toBe(200);
    expect(again.body.message.reactions).toEqual([{ emoji: HEART, count: 1, userIds: [bob.id] }]);
    expect(await storedReactions(server, m.id)).toBe(1);
    // ❤ without its variation selector is the same reaction.
    expect((await react(api, cat, m.id, '❤')).body.message.reactions).toEqual([
      { emoji: HEART, count: 2, userIds: [bob.id, cat.id] },
    ]);
    const thumbs = await react(api, ann, m.id, '👍🏽');
    expect(thumbs.body.message.reactions).toEqual([
      { emoji: HEART, count: 2, userIds: [bob.id, cat.id] },
      { emoji: '👍🏽', count: 1, userIds: [ann.id] },
    ]);
    // Everyone in the chat reads the same on history, the message, and a search hit.
    expect(await reactionsSeenBy(api, cat, chatId, m.id)).toEqual(thumbs.body.message.reactions);
    expect((await api.get(`/api/v1/chat/messages/${m.id}`, bob.token)).body.message.reactions).toEqual(
      thumbs.body.message.reactions,
    );
    const search = await api.get(`/api/v1/chat/sessions/${chatId}/search?q=Hello`, bob.token);
    expect(search.body.items[0].message.reactions).toEqual(thumbs.body.message.reactions);

    const off = await unreact(api, bob, m.id, HEART);
    expect(off.status).toBe(200);
    expect(off.body.message.reactions).toEqual([
      { emoji: HEART, count: 1, userIds: [cat.id] },
      { emoji: '👍🏽', count: 1, userIds: [ann.id] },
    ]);
    // Taking back what is not there changes nothing.
    expect((await unreact(api, bob, m.id, HEART)).status).toBe(200);
    expect((await unreact(api, bob, m.id, '😮')).body.message.reactions).toHaveLength(2);
    expect(await storedReactions(server, m.id)).toBe(2);
  });

  it('refuses anything but exactly one emoji with a clear 400 on both transports, storing nothing', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const m = await send(api, ann, chatId);
    const bad = [
      'a',
      'like',
      ':heart:',
      '😀'.repeat(50),
      '👍👍',
      '👍 ',
      // A zero-width-joiner chain no platform draws as one picture: a dog, a cat and a rabbit.
      '🐶‍🐱‍🐰',
      '👨‍👩‍👧‍👦‍👨‍👩‍👧‍👦',
      '🏽',
      '\u200d',
      'x'.repeat(5000),
    ];
    for (const emoji of bad) {
      const res = await react(api, bob, m.id, emoji);
      expect(res.status, JSON.stringify(emoji)).toBe(400);
      expect(res.body.error).toEqual({
        code: 'VALIDATION',
        message: 'emoji: A reaction must be exactly one emoji.',
      });
    }
    // Not UTF-8 once decoded, and a broken escape.
    for (const raw of ['%FF', '%E2%9D', '%']) {
      const res = await api.put(`/api/v1/chat/messages/${m.id}/reactions/${raw}`, undefined, bob.token);
      expect(res.status, raw).toBe(400);
    }
    const socket = await openSocket({ token: bob.token });
    for (const payload of [
      { messageId: m.id, emoji: 'like' },
      { messageId: m.id, emoji: '😀'.repeat(50) },
      { messageId: m.id, emoji: '🐶‍🐱‍🐰' },
      { messageId: m.id, emoji: 42 },
      { messageId: m.id },
      { messageId: 'nope', emoji: HEART },
      null,
    ]) {
      const ack = await call(socket, 'add_reaction', payload);
      expect(ack.ok, JSON.stringify(payload)).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('VALIDATION');
    }
    expect(await storedReactions(server, m.id)).toBe(0);
    // Still up, and a good one still works.
    const ok = await call(socket, 'add_reaction', { messageId: m.id, emoji: '🫠' });
    expect(ok).toEqual({ ok: true, data: expect.objectContaining({ id: m.id }) });
  });

  it('answers 404 to people outside the chat, and to those who left it, on both transports', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = await createGroup(api, ann, [bob]);
    const m = await send(api, ann, chatId);
    await react(api, bob, m.id, '👍');
    const notFound = { code: 'NOT_FOUND', message: 'This message does not exist or you cannot see it.' };
    for (const res of [
      await react(api, eve, m.id, HEART),
      await unreact(api, eve, m.id, '👍'),
      await react(api, ann, '00000000-0000-4000-8000-000000000000', HEART),
      await react(api, ann, 'not-an-id', HEART),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual(notFound);
    }
    const eveSocket = await openSocket({ token: eve.token });
    expect(await call(eveSocket, 'add_reaction', { messageId: m.id, emoji: HEART })).toEqual({
      ok: false,
      error: notFound,
    });
    expect((await react(api, ann, m.id, HEART)).status).toBe(200);
    // Bob leaves: he can no longer react or take back; what he added stays, as his messages do.
    expect((await api.delete(`/api/v1/chat/sessions/${chatId}`, bob.token)).status).toBe(204);
    expect((await react(api, bob, m.id, '😮')).status).toBe(404);
    expect((await unreact(api, bob, m.id, '👍')).status).toBe(404);
    expect(await reactionsSeenBy(api, ann, chatId, m.id)).toEqual([
      { emoji: '👍', count: 1, userIds: [bob.id] },
      { emoji: HEART, count: 1, userIds: [ann.id] },
    ]);
    // Without credentials: 401.
    expect((await api.put(reactionPath(m.id, HEART), undefined)).status).toBe(401);
    expect(await storedReactions(server, m.id)).toBe(2);
  });

  it('refuses a reaction where a send is refused, and lets people take theirs back', async ({
    api,
    server,
  }) => {
    const [ann, bob, cat, dan] = await registerAll(api, 'Ann', 'Bob', 'Cat', 'Dan');
    // Blocked direct chat.
    const blockedChat = await createDirect(api, ann, bob);
    const m1 = await send(api, ann, blockedChat);
    await react(api, bob, m1.id, '👍');
    await api.post('/api/v1/blocks', { userId: bob.id }, ann.token);
    for (const who of [ann, bob]) {
      const res = await react(api, who, m1.id, HEART);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('BLOCKED');
    }
    expect((await unreact(api, bob, m1.id, '👍')).status).toBe(200);
    expect(await storedReactions(server, m1.id)).toBe(0);

    // Closed direct chat.
    const closedChat = await createDirect(api, ann, cat);
    const m2 = await send(api, ann, closedChat);
    await react(api, cat, m2.id, '👍');
    expect((await api.post(`/api/v1/chat/sessions/${closedChat}/close`, {}, ann.token)).status).toBe(200);
    const closed = await react(api, cat, m2.id, HEART);
    expect(closed.status).toBe(403);
    expect(closed.body.error.code).toBe('CHAT_CLOSED');
    expect((await unreact(api, cat, m2.id, '👍')).status).toBe(200);

    // A moderator's mute.
    const group = await createGroup(api, ann, [dan]);
    const m3 = await send(api, ann, group);
    await react(api, dan, m3.id, '👍');
    await server.database.prisma.user.update({
      where: { id: dan.id },
      data: { mutedUntil: new Date(Date.now() + 60 * 60 * 1000) },
    });
    const muted = await react(api, dan, m3.id, HEART);
    expect(muted.status).toBe(403);
    expect(muted.body.error.code).toBe('MUTED');
    expect((await unreact(api, dan, m3.id, '👍')).body.message.reactions).toEqual([]);

    // A deleted message: 409 to add, nothing to take back, and its reactions went with it.
    const m4 = await send(api, ann, group, 'soon gone');
    await react(api, ann, m4.id, '😂');
    expect((await api.delete(`/api/v1/chat/messages/${m4.id}`, ann.token)).body.message.reactions).toEqual(
      [],
    );
    expect(await storedReactions(server, m4.id)).toBe(0);
    const gone = await react(api, ann, m4.id, HEART);
    expect(gone.status).toBe(409);
    expect(gone.body.error).toEqual({ code: 'CONFLICT', message: 'This message was deleted.' });
    expect((await unreact(api, ann, m4.id, '😂')).status).toBe(200);

    // A notice from the group.
    const notice = (await historyOf(api, ann, group)).find((m) => m.type === 'SYSTEM');
    if (notice) expect((await react(api, ann, notice.id, HEART)).status).toBe(403);
  });

  it('caps a message at 20 different emoji, and still takes one of those', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const m = await send(api, ann, chatId);
    const twenty = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗'];
    expect(twenty).toHaveLength(20);
    for (const e of twenty) expect((await react(api, ann, m.id, e)).status).toBe(200);
    const past = await react(api, bob, m.id, '🤩');
    expect(past.status).toBe(409);
    expect(past.body.error.message).toMatch(/20 different reactions/);
    expect((await react(api, bob, m.id, '😀')).body.message.reactions[0]).toEqual({
      emoji: '😀',
      count: 2,
      userIds: [ann.id, bob.id],
    });
    expect(await storedReactions(server, m.id)).toBe(21);
  });

  it('is live: the other member hears reaction_added and reaction_removed, the reacting socket only its ack', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const m = await send(api, ann, chatId);
    const annSocket = await openSocket({ token: ann.token });
    const bobSocket = await openSocket({ token: bob.token });
    const bobOther = await openSocket({ token: bob.token });
    const echoes = collect(bobSocket, 'reaction_added');

    const heard = nextEvent(annSocket, 'reaction_added');
    const mine = nextEvent(bobOther, 'reaction_added');
    const ack = await call(bobSocket, 'add_reaction', { messageId: m.id, emoji: '🔥' });
    expect(ack).toEqual({
      ok: true,
      data: expect.objectContaining({ id: m.id, reactions: [{ emoji: '🔥', count: 1, userIds: [bob.id] }] }),
    });
    const event = { chatId, messageId: m.id, emoji: '🔥', userId: bob.id };
    expect(await heard).toEqual(event);
    expect(await mine).toEqual(event);
    // Idempotent: no second event.
    const more = collect(annSocket, 'reaction_added');
    await call(bobSocket, 'add_reaction', { messageId: m.id, emoji: '🔥' });

    const removed = nextEvent(annSocket, 'reaction_removed');
    const off = await call(bobSocket, 'remove_reaction', { messageId: m.id, emoji: '🔥' });
    expect(off).toEqual({ ok: true, data: expect.objectContaining({ reactions: [] }) });
    expect(await removed).toEqual(event);
    // REST writes are heard the same way.
    const viaRest = nextEvent(bobSocket, 'reaction_added');
    await react(api, ann, m.id, '👍');
    expect(await viaRest).toEqual({ ...event, emoji: '👍', userId: ann.id });
    await sleep(200);
    // Ann's socket heard only her own REST reaction (REST has no connection to spare), not Bob's repeat.
    expect(more).toEqual([{ ...event, emoji: '👍', userId: ann.id }]);
    expect(echoes).toHaveLength(1);
    expect(echoes[0]).toMatchObject({ userId: ann.id });

    // An edit reaches the room without reactions (they depend on who looks); its editor gets them.
    const edited = nextEvent<any>(bobSocket, 'message_edited');
    const editAck = await call(annSocket, 'edit_message', { messageId: m.id, content: 'Hello again' });
    expect(editAck.ok && editAck.data.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ann.id] }]);
    const heardEdit = await edited;
    expect(heardEdit.content).toBe('Hello again');
    expect(heardEdit).not.toHaveProperty('reactions');
  });

  it('hides reactions between people with a block, in history, events, sync and the chat list', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createGroup(api, cat, [ann, bob]);
    const m = await send(api, cat, chatId, 'Picnic on Sunday?');
    await react(api, bob, m.id, '👍');
    expect((await api.post('/api/v1/blocks', { userId: bob.id }, ann.token)).status).toBe(201);

    const annSocket = await openSocket({ token: ann.token });
    const catSocket = await openSocket({ token: cat.token });
    const annHeard = collect(annSocket, 'reaction_added');
    const catHears = nextEvent(catSocket, 'reaction_added', 5000, (r: any) => r.emoji === '🎉');
    await react(api, bob, m.id, '🎉');
    expect(await catHears).toMatchObject({ userId: bob.id, emoji: '🎉' });
    // Bob does not see Ann's either: the block works both ways.
    const bobSees = await react(api, ann, m.id, HEART);
    expect(bobSees.body.message.reactions).toEqual([{ emoji: HEART, count: 1, userIds: [ann.id] }]);
    await sleep(300);
    // Her own (made over REST) reaches her sockets; Bob's never do.
    expect(annHeard.map((r: any) => r.userId)).toEqual([ann.id]);

    expect(await reactionsSeenBy(api, ann, chatId, m.id)).toEqual([
      { emoji: HEART, count: 1, userIds: [ann.id] },
    ]);
    expect(await reactionsSeenBy(api, bob, chatId, m.id)).toEqual([
      { emoji: '👍', count: 1, userIds: [bob.id] },
      { emoji: '🎉', count: 1, userIds: [bob.id] },
    ]);
    expect(await reactionsSeenBy(api, cat, chatId, m.id)).toEqual([
      { emoji: '👍', count: 1, userIds: [bob.id] },
      { emoji: '🎉', count: 1, userIds: [bob.id] },
      { emoji: HEART, count: 1, userIds: [ann.id] },
    ]);
    const sync = await call(annSocket, 'sync', { since: { [chatId]: 0 } });
    expect(sync.ok && sync.data.messages.find((x: any) => x.id === m.id)?.reactions).toEqual([
      { emoji: HEART, count: 1, userIds: [ann.id] },
    ]);

    // The chat list: Bob's latest reaction shows to Cat, not to Ann (hers is the latest she may see).
    await react(api, bob, m.id, '😂');
    const listOf = async (who: TestUser) =>
      (await api.get('/api/v1/chat/sessions', who.token)).body.items.find((c: any) => c.id === chatId);
    const catEntry = await listOf(cat);
    expect(catEntry.lastReaction).toMatchObject({
      userId: bob.id,
      name: 'Bob',
      emoji: '😂',
      message: { id: m.id },
    });
    expect((await listOf(ann)).lastReaction).toMatchObject({ userId: ann.id, emoji: HEART });
    expect((await listOf(ann)).lastReaction.message.reactions).toEqual([
      { emoji: HEART, count: 1, userIds: [ann.id] },
    ]);
    // Taken back, the one before it shows; a new message is newer activity than any reaction.
    await unreact(api, bob, m.id, '😂');
    expect((await listOf(cat)).lastReaction).toMatchObject({ userId: ann.id, emoji: HEART });
    await send(api, cat, chatId, 'See you there');
    expect((await listOf(cat)).lastReaction).toBeNull();
    expect((await listOf(cat)).lastMessage.content).toBe('See you there');
  });

  it('catches up reactions made while a client was offline through sync', async ({ api, openSocket }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const m = await send(api, ann, chatId);
    await react(api, ann, m.id, '👀');
    const socket = await openSocket({ token: ann.token });
    const first = await call(socket, 'sync', { since: { [chatId]: m.seq } });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.data.changed).toEqual([]);
    socket.disconnect();

    // While Ann is away: Bob reacts, and Ann's other device takes hers back.
    await sleep(20);
    await react(api, bob, m.id, '👍');
    await unreact(api, ann, m.id, '👀');

    socket.connect();
    await new Promise((resolve) => socket.once('connect', () => resolve(null)));
    const caught = await call(socket, 'sync', {
      since: { [chatId]: m.seq },
      changedSince: first.data.serverTime,
    });
    expect(caught.ok).toBe(true);
    if (!caught.ok) return;
    expect(caught.data.messages).toEqual([]);
    expect(caught.data.changed).toEqual([
      expect.objectContaining({ id: m.id, reactions: [{ emoji: '👍', count: 1, userIds: [bob.id] }] }),
    ]);
  });
});
