// Web Push end to end against a push service on 127.0.0.1: what is pushed
// when, what the encrypted payload says (decrypted as a browser would), the
// VAPID signature, one notification per chat, the update after a read on
// another device, and what the server does with a push service's answers.
import { registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call } from './support/emit';
import { PushService, type BrowserSubscription } from './support/push-service';
import { pushQueueEmpty, send, subscribe } from './support/push';
import { afterAll, describe, expect, it } from './support/fixtures';

const pushService = await PushService.start();
it.override('serverEnv', pushService.serverEnv);
afterAll(() => pushService.close());

/** Ann writes to Bob, who has one browser subscribed. */
async function pair(api: Parameters<typeof subscribe>[0], group = false) {
  const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
  const chatId = group ? await createGroup(api, ann, [bob], 'Climbing') : await createDirect(api, ann, bob);
  // A new group starts with an unread system message ("Ann created the group"): read it, so counts start at 0.
  if (group) await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, bob.token);
  const browser = pushService.subscription();
  await subscribe(api, bob, browser);
  return { ann, bob, chatId, browser };
}

const opened = (browser: BrowserSubscription) => browser.received().map((p) => browser.open(p));

async function setPreview(api: Parameters<typeof subscribe>[0], user: TestUser, body: unknown) {
  const res = await api.request('PATCH', '/api/v1/users/me/notifications', { body, token: user.token });
  expect(res.status).toBe(200);
}

describe('when a message is pushed', () => {
  it('pushes once to someone away, encrypted, signed, without the text by default', async ({
    api,
    server,
  }) => {
    const { ann, chatId, browser } = await pair(api);
    const message = await send(api, ann, chatId, 'meet me at the old mill');
    await pushQueueEmpty(server.url);
    const [push, ...more] = browser.received();
    expect(more).toEqual([]);
    expect(push).toBeDefined();
    // The push service's view: encrypted body, headers, VAPID.
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(push!.headers.topic).toBe(chatId.replace(/-/g, ''));
    expect(push!.headers.urgency).toBe('high');
    expect(Number(push!.headers.ttl)).toBe(86400);
    expect(push!.body.toString('latin1')).not.toContain('old mill');
    const { key, claims } = await pushService.vapid(push!);
    expect(key).toBe((await api.get('/api/v1/push/vapid-public-key')).body.publicKey);
    expect(claims.aud).toBe(pushService.url);
    expect(claims.exp! * 1000).toBeGreaterThan(Date.now());
    expect(claims.exp! * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect(claims.sub).toMatch(/^(mailto:|https:)/);
    // The browser's view.
    const payload = browser.open(push!);
    expect(payload).toEqual({
      v: 1,
      kind: 'message',
      chatId,
      tag: chatId,
      title: 'Ann',
      body: 'New message from Ann',
      unread: 1,
      badge: 1,
      url: `/chat?c=${chatId}`,
      seq: message.seq,
      at: expect.any(String),
    });
    expect(JSON.stringify(payload)).not.toContain('old mill');
  });

  it('pushes nothing to the sender', async ({ api, server }) => {
    const { ann, bob, chatId } = await pair(api);
    const annBrowser = pushService.subscription();
    await subscribe(api, ann, annBrowser);
    await send(api, ann, chatId, 'hi');
    await send(api, bob, chatId, 'hello');
    await pushQueueEmpty(server.url);
    expect(opened(annBrowser).map((p) => p.body)).toEqual(['New message from Bob']);
  });

  it('pushes nothing while a visible, focused tab is connected', async ({ api, server, openSocket }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    const tab = await openSocket({ token: bob.token });
    expect(await call(tab, 'visibility_update', { visible: true, focused: true })).toEqual({
      ok: true,
      data: { active: true },
    });
    await send(api, ann, chatId, 'you there?');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
    // Visible but not focused (another window in front) counts as away.
    expect(await call(tab, 'visibility_update', { visible: true, focused: false })).toEqual({
      ok: true,
      data: { active: false },
    });
    await send(api, ann, chatId, 'hello?');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(1);
    // Focused again, then the tab closes: away again.
    await call(tab, 'visibility_update', { visible: true, focused: true });
    tab.disconnect();
    await send(api, ann, chatId, 'bye');
    await browser.waitFor(2);
  });

  it('refuses a bad visibility report without touching anything', async ({ api, openSocket }) => {
    const [bob] = await registerAll(api, 'Bob');
    const tab = await openSocket({ token: bob.token });
    for (const payload of [undefined, { visible: 'yes', focused: true }, { visible: true }, 'focused']) {
      const res = await call(tab, 'visibility_update', payload);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('pushes nothing for a muted chat, and again once unmuted', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api, true);
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await api.put(`/api/v1/chat/sessions/${chatId}/mute`, { until }, bob.token)).status).toBe(200);
    await send(api, ann, chatId, 'muted one');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
    await api.delete(`/api/v1/chat/sessions/${chatId}/mute`, bob.token);
    await send(api, ann, chatId, 'heard one');
    await pushQueueEmpty(server.url);
    // The unread count covers both; the muted one was never pushed.
    expect(opened(browser)).toMatchObject([{ kind: 'message', unread: 2 }]);
  });

  it('leaves muted chats out of the badge', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    const group = await createGroup(api, ann, [bob], 'Noisy');
    await api.post(`/api/v1/chat/sessions/${group}/read`, {}, bob.token);
    await api.put(`/api/v1/chat/sessions/${group}/mute`, { until: 'always' }, bob.token);
    await send(api, ann, group, 'noise');
    await send(api, ann, group, 'more noise');
    await send(api, ann, chatId, 'hi Bob');
    await pushQueueEmpty(server.url);
    expect(opened(browser)).toMatchObject([{ chatId, unread: 1, badge: 1 }]);
    const unread = await api.get('/api/v1/push/unread', bob.token);
    expect(unread.body.badge).toBe(1);
    expect(unread.body.chats).toEqual(
      expect.arrayContaining([
        { chatId, unread: 1, muted: false },
        { chatId: group, unread: 2, muted: true },
      ]),
    );
  });

  it('pushes nothing from someone the recipient blocks', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api, true);
    expect((await api.post('/api/v1/blocks', { userId: ann.id }, bob.token)).status).toBe(201);
    await send(api, ann, chatId, 'from a blocked person');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
  });

  it('keeps quiet hours, letting direct chats through when asked', async ({ api, server }) => {
    const { ann, bob, chatId: group, browser } = await pair(api, true);
    const direct = await createDirect(api, ann, bob);
    const minutes = (d: Date) => d.getUTCHours() * 60 + d.getUTCMinutes();
    const clock = (m: number) => {
      const w = ((m % 1440) + 1440) % 1440;
      return `${String(Math.floor(w / 60)).padStart(2, '0')}:${String(w % 60).padStart(2, '0')}`;
    };
    const now = minutes(new Date());
    const quietHours = {
      start: clock(now - 60),
      end: clock(now + 60),
      timeZone: 'UTC',
      allowDirectChats: false,
    };
    await setPreview(api, bob, { quietHours });
    await send(api, ann, group, 'group at night');
    await send(api, ann, direct, 'direct at night');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);

    await setPreview(api, bob, { quietHours: { ...quietHours, allowDirectChats: true } });
    await send(api, ann, group, 'group again');
    await send(api, ann, direct, 'direct again');
    await pushQueueEmpty(server.url);
    expect(opened(browser)).toMatchObject([{ chatId: direct, unread: 2 }]);

    // Outside them, everything again.
    await setPreview(api, bob, {
      quietHours: { ...quietHours, start: clock(now + 120), end: clock(now + 180) },
    });
    await send(api, ann, group, 'group by day');
    await pushQueueEmpty(server.url);
    expect(opened(browser).map((p) => p.chatId)).toEqual([direct, group]);
  });
});

describe('what a push says', () => {
  it('carries the text only with full previews', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api, true);
    await setPreview(api, bob, { preview: 'full' });
    await send(api, ann, chatId, 'full text one');
    await pushQueueEmpty(server.url);
    await setPreview(api, bob, { preview: 'sender' });
    await send(api, ann, chatId, 'secret text two');
    await pushQueueEmpty(server.url);
    await setPreview(api, bob, { preview: 'none' });
    await send(api, ann, chatId, 'secret text three');
    await pushQueueEmpty(server.url);
    const [full, sender, none] = opened(browser);
    expect(full).toMatchObject({ title: 'Climbing', body: 'Ann: full text one' });
    expect(sender).toMatchObject({ title: 'Climbing', body: '2 new messages, the latest from Ann' });
    expect(none).toMatchObject({ title: 'Chat', body: '3 new messages' });
    expect(JSON.stringify(none)).not.toMatch(/Ann|Climbing/);
    for (const p of [sender, none]) expect(JSON.stringify(p)).not.toContain('secret text');
  });

  it('replaces one notification per chat: same tag and topic, a growing count', async ({ api, server }) => {
    const { ann, chatId, browser } = await pair(api);
    for (const text of ['one', 'two', 'three']) await send(api, ann, chatId, text);
    await pushQueueEmpty(server.url);
    const pushes = browser.received();
    expect(new Set(pushes.map((p) => p.headers.topic))).toEqual(new Set([chatId.replace(/-/g, '')]));
    const payloads = pushes.map((p) => browser.open(p));
    expect(new Set(payloads.map((p) => p.tag))).toEqual(new Set([chatId]));
    expect(payloads.map((p) => p.unread).sort()).toEqual([1, 2, 3]);
    expect(payloads.find((p) => p.unread === 3)?.body).toBe('3 new messages from Ann');
  });
});

describe('read on another device', () => {
  it('sends an update that closes the chat’s notification, once', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    const phone = pushService.subscription();
    await subscribe(api, bob, phone);
    await send(api, ann, chatId, 'one');
    await send(api, ann, chatId, 'two');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(2);
    // Bob reads on his laptop: both his browsers hear the chat is read.
    expect((await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, bob.token)).status).toBe(200);
    await pushQueueEmpty(server.url);
    for (const b of [browser, phone]) {
      const last = b.received().at(-1)!;
      expect(b.open(last)).toEqual({
        v: 1,
        kind: 'read',
        chatId,
        tag: chatId,
        unread: 0,
        badge: 0,
        mustShow: false,
      });
      expect(last.headers.topic).toBe(chatId.replace(/-/g, ''));
    }
    // Reading again, or a chat with no notification out, sends nothing.
    await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, bob.token);
    await send(api, bob, chatId, 'a reply');
    await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, ann.token);
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(3);
  });

  it('sends no update for a read when no push went out', async ({ api, server, openSocket }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    const tab = await openSocket({ token: bob.token });
    await call(tab, 'visibility_update', { visible: true, focused: true });
    await send(api, ann, chatId, 'seen live');
    await call(tab, 'mark_as_read', { chatId });
    await pushQueueEmpty(server.url);
    expect(browser.received()).toEqual([]);
  });
});

describe('push service answers', () => {
  it('removes a subscription answered 404 or 410', async ({ api, server }) => {
    const { ann, chatId, browser } = await pair(api);
    pushService.answer(browser, 410);
    await send(api, ann, chatId, 'anyone?');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(1);
    expect(
      await server.database.prisma.pushSubscription.count({ where: { endpoint: browser.endpoint } }),
    ).toBe(0);
    await send(api, ann, chatId, 'still?');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(1);
    const health = await api.get('/api/health');
    expect(health.body.push).toMatchObject({ enabled: true, queued: 0, removed: expect.any(Number) });
    expect(health.body.push.removed).toBeGreaterThanOrEqual(1);
  });

  it('retries 5xx and 429 with backoff, counting the failures', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    const before = (await api.get('/api/health')).body.push.failed as number;
    pushService.answer(browser, 500, 503, 429);
    await send(api, ann, chatId, 'eventually');
    await pushQueueEmpty(server.url);
    const pushes = browser.received();
    expect(pushes).toHaveLength(4);
    // The same encrypted push each time.
    expect(new Set(pushes.map((p) => p.body.toString('base64'))).size).toBe(1);
    expect((await api.get('/api/health')).body.push.failed).toBeGreaterThanOrEqual(before + 3);
    const row = await server.database.prisma.pushSubscription.findFirst({ where: { userId: bob.id } });
    expect(row).toMatchObject({ failures: 0, lastSuccessAt: expect.any(Date) });
  });

  it('gives up after PUSH_MAX_ATTEMPTS and keeps the subscription', async ({ api, server }) => {
    const { ann, bob, chatId, browser } = await pair(api);
    pushService.answer(browser, 502, 502, 502, 502, 502, 502);
    await send(api, ann, chatId, 'lost');
    await pushQueueEmpty(server.url);
    expect(browser.received()).toHaveLength(5);
    const row = await server.database.prisma.pushSubscription.findFirst({ where: { userId: bob.id } });
    expect(row?.failures).toBe(5);
  });

  it('never sends to an endpoint it would refuse, even one already stored', async ({ api, server }) => {
    const { ann, bob, chatId } = await pair(api);
    // Stored behind the API's back, as a row from before PUSH_ALLOWED_HOSTS changed would be.
    await server.database.prisma.pushSubscription.create({
      data: {
        userId: bob.id,
        endpoint: 'https://10.0.0.8/push/x',
        p256dh: pushService.subscription().p256dh,
        auth: 'AAAAAAAAAAAAAAAAAAAAAA',
      },
    });
    const failedBefore = (await api.get('/api/health')).body.push.failed as number;
    await send(api, ann, chatId, 'hello');
    await pushQueueEmpty(server.url);
    expect((await api.get('/api/health')).body.push.failed).toBe(failedBefore);
  });
});
