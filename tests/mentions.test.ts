// Mentions in groups: ranges stored as sent (never parsed from the text),
// every rule on both transports with nothing stored on a refusal, the
// "mentioned" badge as reads move, edits, sync, and a mention's push through
// a muted group unless its mentions are muted too.
import { registerAll, type Api, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call } from './support/emit';
import { PushService } from './support/push-service';
import { pushQueueEmpty, subscribe } from './support/push';
import { nextEvent } from './support/sockets';
import { afterAll, beforeAll, describe, expect, it } from './support/fixtures';

const pushService = await PushService.start();
it.override('serverEnv', pushService.serverEnv);
afterAll(() => pushService.close());
// The server's first requests are slow on a busy machine: taken under the hook's longer timeout.
beforeAll(async ({ api }) => {
  await api.register('Warm');
});

const SESSIONS = '/api/v1/chat/sessions';

interface Mention {
  userId: string;
  offset: number;
  length: number;
}

/** "@Name" at the start of the text, followed by `rest`. */
function mentionText(who: TestUser, rest = ' are you coming?') {
  const text = `@${who.name}${rest}`;
  return { content: text, mentions: [{ userId: who.id, offset: 0, length: who.name.length + 1 }] };
}

/** Ann's group with Bob, Carol and Dave, everyone's counts starting at 0. */
async function group(api: Api) {
  const [ann, bob, carol, dave] = await registerAll(api, 'Ann', 'Bob', 'Carol', 'Dave');
  const chatId = await createGroup(api, ann, [bob, carol, dave], 'Climbing');
  for (const u of [bob, carol, dave]) await api.post(`${SESSIONS}/${chatId}/read`, {}, u.token);
  return { ann, bob, carol, dave, chatId };
}

const send = (api: Api, from: TestUser, chatId: string, body: Record<string, unknown>) =>
  api.post(`${SESSIONS}/${chatId}/messages`, body, from.token);

async function listEntry(api: Api, user: TestUser, chatId: string) {
  const res = await api.get(`${SESSIONS}?limit=100`, user.token);
  return res.body.items.find((c: { id: string }) => c.id === chatId) as {
    unreadCount: number;
    mentionCount: number;
    lastSeq: number;
  };
}

async function lastSeq(api: Api, user: TestUser, chatId: string): Promise<number> {
  return (await api.get(`${SESSIONS}/${chatId}`, user.token)).body.chat.lastSeq;
}

describe('sending mentions', () => {
  it('stores the ranges as sent and returns them everywhere a message goes', async ({ api, openSocket }) => {
    const { ann, bob, carol, chatId } = await group(api);
    const bobSocket = await openSocket({ token: bob.token });
    const received = nextEvent<{ mentions: Mention[] }>(bobSocket, 'message_received');
    // Two mentions, given out of order: stored in offset order.
    const content = `@${bob.name} and @${carol.name} 🧗 tonight`;
    const mentions = [
      { userId: carol.id.toUpperCase(), offset: bob.name.length + 6, length: carol.name.length + 1 },
      { userId: bob.id, offset: 0, length: bob.name.length + 1 },
    ];
    const res = await send(api, ann, chatId, { content, mentions });
    expect(res.status).toBe(201);
    const expected = [
      { userId: bob.id, offset: 0, length: bob.name.length + 1 },
      { userId: carol.id, offset: bob.name.length + 6, length: carol.name.length + 1 },
    ];
    expect(res.body.message.mentions).toEqual(expected);
    expect((await received).mentions).toEqual(expected);
    const history = await api.get(`${SESSIONS}/${chatId}/messages`, bob.token);
    expect(history.body.items[0].mentions).toEqual(expected);
    // A plain message carries an empty list; "@" in text without a range mentions no one.
    const plain = await send(api, ann, chatId, { content: `@${bob.name} no range here` });
    expect(plain.body.message.mentions).toEqual([]);
    expect((await listEntry(api, bob, chatId)).mentionCount).toBe(1);
  });

  it('takes mentions over the socket, with the same ack and event', async ({ api, openSocket }) => {
    const { ann, bob, chatId } = await group(api);
    const annSocket = await openSocket({ token: ann.token });
    const bobSocket = await openSocket({ token: bob.token });
    const received = nextEvent<{ mentions: Mention[] }>(bobSocket, 'message_received');
    const ack = await call(annSocket, 'send_message', { chatId, ...mentionText(bob) });
    expect(ack).toMatchObject({ ok: true, data: { mentions: [{ userId: bob.id, offset: 0 }] } });
    expect((await received).mentions).toEqual(mentionText(bob).mentions);
    const unread = await call(bobSocket, 'get_unread', { chatId });
    expect(unread).toEqual({ ok: true, data: { chatId, count: 1, mentionCount: 1 } });
  });

  it('refuses bad mentions on both transports and stores nothing', async ({ api, openSocket }) => {
    const { ann, bob, carol, dave, chatId } = await group(api);
    const [outsider] = await registerAll(api, 'Eve');
    // Dave leaves: no longer mentionable.
    expect((await api.delete(`${SESSIONS}/${chatId}`, dave.token)).status).toBe(204);
    const before = await lastSeq(api, ann, chatId);
    const text = `@${bob.name} @${carol.name} hi`;
    const bobRange = { userId: bob.id, offset: 0, length: bob.name.length + 1 };
    const carolRange = { userId: carol.id, offset: bob.name.length + 2, length: carol.name.length + 1 };
    const cases: Array<[string, unknown, RegExp]> = [
      ['past the end', [{ ...bobRange, offset: text.length - 1 }], /past the end/],
      ['overlapping', [bobRange, { ...carolRange, offset: 2 }], /overlap|"@"/],
      ['overlapping, same start', [bobRange, { ...carolRange, offset: 0 }], /overlap/],
      ['not at an "@"', [{ ...bobRange, offset: 1 }], /"@"/],
      ['only the "@"', [{ ...bobRange, length: 1 }], /length/],
      ['over a line break', null, /one line/],
      ['the sender', [{ ...bobRange, userId: ann.id }], /yourself/],
      ['twice the same person', [bobRange, { ...carolRange, userId: bob.id }], /once/],
      ['a non-member', [{ ...bobRange, userId: outsider.id }], /people in this group/],
      ['a member who left', [{ ...bobRange, userId: dave.id }], /people in this group/],
      [
        'an unknown id',
        [{ ...bobRange, userId: '01900000-0000-7000-8000-000000000000' }],
        /people in this group/,
      ],
      ['a negative offset', [{ ...bobRange, offset: -1 }], /offset/],
      ['a fractional length', [{ ...bobRange, length: 2.5 }], /length/],
      ['a string', 'everyone', /mentions/],
      ['an extra field', [{ ...bobRange, name: 'Bob' }], /mention/],
      ['not an id', [{ ...bobRange, userId: 'bob' }], /id/],
      ['too many', Array.from({ length: 21 }, (_, i) => ({ ...bobRange, offset: i * 3 })), /at most 20/],
    ];
    const socket = await openSocket({ token: ann.token });
    for (const [what, mentions, message] of cases) {
      const content = what === 'over a line break' ? `@${bob.name[0]}\n${bob.name.slice(1)} hi` : text;
      const body = { content, mentions: mentions ?? [{ ...bobRange }] };
      const res = await send(api, ann, chatId, body);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('VALIDATION');
      expect(res.body.error.message, what).toMatch(message);
      const ack = await call(socket, 'send_message', { chatId, ...body });
      expect(ack, what).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await lastSeq(api, ann, chatId)).toBe(before);
    // The server is fine, and the good form goes through.
    expect((await send(api, ann, chatId, { content: text, mentions: [bobRange, carolRange] })).status).toBe(
      201,
    );
  });

  it('takes no mentions in a direct chat, and none from outsiders', async ({ api, openSocket }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const direct = await createDirect(api, ann, bob);
    const res = await send(api, ann, direct, mentionText(bob));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/groups/);
    expect(await lastSeq(api, ann, direct)).toBe(0);
    // Someone outside a group learns nothing from mentioning into it: the same 404 as without.
    const { chatId } = await group(api);
    expect((await send(api, eve, chatId, mentionText(bob))).status).toBe(404);
    const socket = await openSocket({ token: eve.token });
    expect(await call(socket, 'send_message', { chatId, ...mentionText(bob) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('the mentioned badge', () => {
  it('counts unread messages that mention you, and clears as you read', async ({ api, openSocket }) => {
    const { ann, bob, carol, chatId } = await group(api);
    const first = await send(api, ann, chatId, mentionText(bob));
    await send(api, ann, chatId, { content: 'no mention' });
    await send(api, carol, chatId, mentionText(bob, ' look'));
    await send(api, ann, chatId, mentionText(carol));
    expect(await listEntry(api, bob, chatId)).toMatchObject({ unreadCount: 4, mentionCount: 2 });
    // Carol's own send moved her watermark past what came before it.
    expect(await listEntry(api, carol, chatId)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, bob.token)).body).toEqual({
      count: 4,
      mentionCount: 2,
    });
    // Reading up to the first mention leaves the later one.
    await api.post(`${SESSIONS}/${chatId}/read`, { upToMessageId: first.body.message.id }, bob.token);
    expect(await listEntry(api, bob, chatId)).toMatchObject({ unreadCount: 3, mentionCount: 1 });
    // Reading over the socket clears it.
    const socket = await openSocket({ token: bob.token });
    expect((await call(socket, 'mark_as_read', { chatId })).ok).toBe(true);
    expect(await listEntry(api, bob, chatId)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
  });

  it('stops counting a deleted mention, and never counts for outsiders', async ({ api }) => {
    const { ann, bob, chatId } = await group(api);
    const [eve] = await registerAll(api, 'Eve');
    const sent = await send(api, ann, chatId, mentionText(bob));
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, bob.token)).body.mentionCount).toBe(1);
    const deleted = await api.delete(`/api/v1/chat/messages/${sent.body.message.id}`, ann.token);
    expect(deleted.body.message.mentions).toEqual([]);
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, bob.token)).body).toEqual({
      count: 0,
      mentionCount: 0,
    });
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, eve.token)).status).toBe(404);
  });
});

describe('editing a message with mentions', () => {
  it('keeps mentions whose text stays put, drops the rest, or takes a new list', async ({
    api,
    openSocket,
  }) => {
    const { ann, bob, carol, dave, chatId } = await group(api);
    const sent = (await send(api, ann, chatId, mentionText(bob))).body.message;
    const edit = (body: Record<string, unknown>) =>
      api.put(`/api/v1/chat/messages/${sent.id}`, body, ann.token);
    // Text after the mention changes: kept.
    let res = await edit({ content: `@${bob.name} are you coming at 8?` });
    expect(res.status).toBe(200);
    expect(res.body.message.mentions).toEqual(mentionText(bob).mentions);
    // The mention moves: dropped (left out means keep only what still fits).
    res = await edit({ content: `Hey @${bob.name}` });
    expect(res.body.message.mentions).toEqual([]);
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, bob.token)).body.mentionCount).toBe(0);
    // A new list replaces it; Carol now counts it.
    res = await edit({
      content: `Hey @${carol.name}`,
      mentions: [{ userId: carol.id, offset: 4, length: carol.name.length + 1 }],
    });
    expect(res.body.message.mentions).toEqual([
      { userId: carol.id, offset: 4, length: carol.name.length + 1 },
    ]);
    expect((await api.get(`${SESSIONS}/${chatId}/unread`, carol.token)).body.mentionCount).toBe(1);
    // Bad lists are refused and change nothing, on both transports.
    await api.delete(`${SESSIONS}/${chatId}`, dave.token);
    const bad = {
      content: `Hey @${dave.name}`,
      mentions: [{ userId: dave.id, offset: 4, length: dave.name.length + 1 }],
    };
    expect((await edit(bad)).status).toBe(400);
    const socket = await openSocket({ token: ann.token });
    expect(await call(socket, 'edit_message', { messageId: sent.id, ...bad })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await call(socket, 'edit_message', {
        messageId: sent.id,
        content: 'Hey',
        mentions: [{ userId: carol.id, offset: 4, length: 3 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const now = await api.get(`/api/v1/chat/messages/${sent.id}`, ann.token);
    expect(now.body.message).toMatchObject({
      content: `Hey @${carol.name}`,
      mentions: [{ userId: carol.id }],
    });
    // An empty list removes them all, over the socket.
    const cleared = await call(socket, 'edit_message', {
      messageId: sent.id,
      content: `Hey @${carol.name}`,
      mentions: [],
    });
    expect(cleared).toMatchObject({ ok: true, data: { mentions: [] } });
  });

  it('lets someone mentioned before stay mentioned after they left', async ({ api }) => {
    const { ann, bob, dave, chatId } = await group(api);
    const sent = (await send(api, ann, chatId, mentionText(dave))).body.message;
    await api.delete(`${SESSIONS}/${chatId}`, dave.token);
    const res = await api.put(
      `/api/v1/chat/messages/${sent.id}`,
      { content: `${mentionText(dave).content}!`, mentions: mentionText(dave).mentions },
      ann.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.message.mentions).toEqual(mentionText(dave).mentions);
    expect(bob).toBeDefined();
  });
});

describe('sync', () => {
  it('returns missed mentions and edited ones to a reconnecting client', async ({ api, openSocket }) => {
    const { ann, bob, carol, chatId } = await group(api);
    const socket = await openSocket({ token: bob.token });
    const first = await call<{ serverTime: string }>(socket, 'sync', { since: { [chatId]: 1 } });
    expect(first.ok).toBe(true);
    const changedSince = first.ok ? first.data.serverTime : '';
    const old = (await send(api, ann, chatId, { content: `@${carol.name} hi` })).body.message;
    // Bob's copy ends at that seq; it is then edited to mention Carol.
    const seqAtOld = old.seq;
    await api.put(
      `/api/v1/chat/messages/${old.id}`,
      {
        content: `@${carol.name} hi`,
        mentions: [{ userId: carol.id, offset: 0, length: carol.name.length + 1 }],
      },
      ann.token,
    );
    await send(api, ann, chatId, mentionText(bob));
    const res = await call<{
      messages: Array<{ mentions: Mention[] }>;
      changed: Array<{ id: string; mentions: Mention[] }>;
    }>(socket, 'sync', { since: { [chatId]: seqAtOld }, changedSince });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.data.messages.map((m) => m.mentions)).toEqual([mentionText(bob).mentions]);
    expect(res.data.changed.find((m) => m.id === old.id)?.mentions).toEqual([
      { userId: carol.id, offset: 0, length: carol.name.length + 1 },
    ]);
  });
});

describe('mention notifications', () => {
  async function mutedBob(api: Api, muteMentions?: boolean) {
    const g = await group(api);
    const browser = pushService.subscription();
    await subscribe(api, g.bob, browser);
    const body = muteMentions === undefined ? { until: 'always' } : { until: 'always', muteMentions };
    const res = await api.put(`${SESSIONS}/${g.chatId}/mute`, body, g.bob.token);
    expect(res.status).toBe(200);
    expect(res.body.mute).toEqual({ chatId: g.chatId, until: 'always', muteMentions: muteMentions ?? false });
    return { ...g, browser };
  }

  it('pushes a mention through a muted group, and nothing else', async ({ api, server }) => {
    const { ann, bob, carol, chatId, browser } = await mutedBob(api);
    await send(api, ann, chatId, { content: 'just chatting' });
    await send(api, ann, chatId, mentionText(carol));
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
    await send(api, ann, chatId, mentionText(bob));
    await pushQueueEmpty(server.url);
    const pushes = browser.received().map((p) => browser.open(p));
    expect(pushes).toMatchObject([{ kind: 'message', chatId, title: 'Climbing', body: 'Ann mentioned you' }]);
    expect(JSON.stringify(pushes)).not.toContain('are you coming');
  });

  it('pushes no mention when mentions are muted too', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await mutedBob(api, true);
    await send(api, ann, chatId, mentionText(bob));
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
    const settings = await api.get('/api/v1/users/me/notifications', bob.token);
    expect(settings.body.notifications.mutedChats).toEqual([{ chatId, until: 'always', muteMentions: true }]);
    // Unmuting forgets it: mentions and messages notify again.
    await api.delete(`${SESSIONS}/${chatId}/mute`, bob.token);
    await send(api, ann, chatId, mentionText(bob, ' again'));
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(1);
  });

  it('refuses a bad muteMentions', async ({ api }) => {
    const { bob, chatId } = await group(api);
    const res = await api.put(
      `${SESSIONS}/${chatId}/mute`,
      { until: 'always', muteMentions: 'yes' },
      bob.token,
    );
    expect(res.status).toBe(400);
    expect(
      (await api.get('/api/v1/users/me/notifications', bob.token)).body.notifications.mutedChats,
    ).toEqual([]);
  });
});
