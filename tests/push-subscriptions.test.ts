// Push subscriptions, notification settings and per-chat mute over REST:
// what is accepted, and every malformed or foreign input refused with a
// clear 4xx and nothing stored.
import { createECDH, randomBytes } from 'node:crypto';
import { registerAll } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { PushService } from './support/push-service';
import { subscribe } from './support/push';
import { afterAll, describe, expect, it } from './support/fixtures';

const pushService = await PushService.start();
it.override('serverEnv', { ...pushService.serverEnv, PUSH_SUBSCRIPTIONS_PER_USER: '3' });
afterAll(() => pushService.close());

const P256 = () => {
  const e = createECDH('prime256v1');
  e.generateKeys();
  return e.getPublicKey().toString('base64url');
};

describe('push subscriptions', () => {
  it('gives the VAPID public key to anyone', async ({ api }) => {
    const res = await api.get('/api/v1/push/vapid-public-key');
    expect(res.status).toBe(200);
    const key = Buffer.from(res.body.publicKey, 'base64url');
    expect(key).toHaveLength(65);
    expect(key[0]).toBe(4);
  });

  it('keeps one row per endpoint: subscribing again updates it', async ({ api, server }) => {
    const [ann] = await registerAll(api, 'Ann');
    const browser = pushService.subscription();
    const first = await api.post('/api/v1/push/subscriptions', browser.toJSON(), ann.token);
    expect(first.status).toBe(201);
    expect(first.body.subscription).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const again = await api.post('/api/v1/push/subscriptions', browser.toJSON(), ann.token);
    expect(again.status).toBe(201);
    expect(again.body.subscription.id).toBe(first.body.subscription.id);
    expect(await server.database.prisma.pushSubscription.count({ where: { userId: ann.id } })).toBe(1);

    const settings = await api.get('/api/v1/users/me/notifications', ann.token);
    expect(settings.body.notifications.devices).toHaveLength(1);
    expect(settings.body.notifications.pushAvailable).toBe(true);

    const gone = await api.request('DELETE', '/api/v1/push/subscriptions', {
      body: { endpoint: browser.endpoint },
      token: ann.token,
    });
    expect(gone.status).toBe(204);
    const twice = await api.request('DELETE', '/api/v1/push/subscriptions', {
      body: { endpoint: browser.endpoint },
      token: ann.token,
    });
    expect(twice.status).toBe(404);
  });

  it('keeps a person’s newest browsers past the limit', async ({ api, server }) => {
    const [ann] = await registerAll(api, 'Ann');
    const browsers = [1, 2, 3, 4].map(() => pushService.subscription());
    for (const b of browsers) await subscribe(api, ann, b);
    const kept = await server.database.prisma.pushSubscription.findMany({ where: { userId: ann.id } });
    expect(kept.map((k) => k.endpoint).sort()).toEqual(
      browsers
        .slice(1)
        .map((b) => b.endpoint)
        .sort(),
    );
  });

  it('refuses malformed subscriptions with 400 and stores nothing', async ({ api, server }) => {
    const [ann] = await registerAll(api, 'Ann');
    const good = pushService.subscription().toJSON();
    const keys = good.keys;
    const bad: Array<[string, unknown, RegExp]> = [
      ['no keys', { endpoint: good.endpoint }, /keys/],
      ['no auth', { endpoint: good.endpoint, keys: { p256dh: keys.p256dh } }, /keys\.auth/],
      ['no endpoint', { keys }, /endpoint/],
      ['bad base64', { ...good, keys: { ...keys, auth: '!!not*base64!!' } }, /keys\.auth/],
      [
        'standard base64',
        {
          ...good,
          keys: {
            ...keys,
            p256dh:
              Buffer.from(P256(), 'base64url').toString('base64').replace(/=+$/, '').replace(/[-_]/g, '+') +
              '/',
          },
        },
        /keys\.p256dh/,
      ],
      [
        'short p256dh',
        { ...good, keys: { ...keys, p256dh: randomBytes(64).toString('base64url') } },
        /65 bytes/,
      ],
      [
        'compressed p256dh',
        {
          ...good,
          keys: { ...keys, p256dh: Buffer.concat([Buffer.from([2]), randomBytes(64)]).toString('base64url') },
        },
        /uncompressed/,
      ],
      [
        'p256dh off the curve',
        {
          ...good,
          keys: {
            ...keys,
            p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
          },
        },
        /curve/,
      ],
      ['long auth', { ...good, keys: { ...keys, auth: randomBytes(17).toString('base64url') } }, /16 bytes/],
      ['http:', { ...good, endpoint: good.endpoint.replace('https:', 'http:') }, /https/],
      ['private address', { ...good, endpoint: 'https://10.0.0.8/push/abc' }, /private/],
      ['loopback not listed', { ...good, endpoint: 'https://127.0.0.2/push/abc' }, /private/],
      ['metadata address', { ...good, endpoint: 'https://169.254.169.254/latest' }, /private/],
      ['unknown host', { ...good, endpoint: 'https://push.evil.example/x' }, /not a push service/],
      [
        'look-alike host',
        { ...good, endpoint: 'https://fcm.googleapis.com.evil.example/x' },
        /not a push service/,
      ],
      ['credentials', { ...good, endpoint: 'https://user:pw@fcm.googleapis.com/fcm/send/x' }, /user name/],
      [
        '10 KB endpoint',
        { ...good, endpoint: `https://fcm.googleapis.com/fcm/send/${'a'.repeat(10_000)}` },
        /2048/,
      ],
      ['not a URL', { ...good, endpoint: 'fcm.googleapis.com/fcm/send/x' }, /URL/],
      ['NUL in endpoint', { ...good, endpoint: `${good.endpoint}\u0000` }, /NUL/],
      ['an array', [good], /./],
    ];
    for (const [what, body, message] of bad) {
      const res = await api.post('/api/v1/push/subscriptions', body, ann.token);
      expect(res.status, what).toBe(400);
      expect(res.body.error.message, what).toMatch(message);
    }
    const notJson = await api.request('POST', '/api/v1/push/subscriptions', {
      raw: '{"endpoint":',
      token: ann.token,
    });
    expect(notJson.status).toBe(400);
    const signedOut = await api.post('/api/v1/push/subscriptions', good);
    expect(signedOut.status).toBe(401);
    expect(await server.database.prisma.pushSubscription.count({ where: { userId: ann.id } })).toBe(0);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('keeps an endpoint its owner’s: another account gets 409 and cannot remove it', async ({
    api,
    server,
  }) => {
    const [ann, mallory] = await registerAll(api, 'Ann', 'Mallory');
    const browser = pushService.subscription();
    const id = await subscribe(api, ann, browser);
    const takeover = await api.post(
      '/api/v1/push/subscriptions',
      { ...browser.toJSON(), keys: { p256dh: P256(), auth: randomBytes(16).toString('base64url') } },
      mallory.token,
    );
    expect(takeover.status).toBe(409);
    const remove = await api.request('DELETE', '/api/v1/push/subscriptions', {
      body: { endpoint: browser.endpoint },
      token: mallory.token,
    });
    expect(remove.status).toBe(404);
    const row = await server.database.prisma.pushSubscription.findUnique({ where: { id } });
    expect(row).toMatchObject({ userId: ann.id, p256dh: browser.p256dh, auth: browser.auth });
    expect(await server.database.prisma.pushSubscription.count({ where: { userId: mallory.id } })).toBe(0);
  });

  it('answers a flood of subscribe calls with 429 and stores nothing more', async ({ api, server }) => {
    const [ann] = await registerAll(api, 'Ann');
    const browser = pushService.subscription();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await api.post('/api/v1/push/subscriptions', browser.toJSON(), ann.token)).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const refused = await api.post(
      '/api/v1/push/subscriptions',
      pushService.subscription().toJSON(),
      ann.token,
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.error.message).toMatch(/Too many subscription changes/);
    expect(await server.database.prisma.pushSubscription.count({ where: { userId: ann.id } })).toBe(1);
  });
});

describe('notification settings', () => {
  it('starts at sender previews and no quiet hours, and takes changes', async ({ api }) => {
    const [ann] = await registerAll(api, 'Ann');
    const initial = await api.get('/api/v1/users/me/notifications', ann.token);
    expect(initial.status).toBe(200);
    expect(initial.body.notifications).toEqual({
      preview: 'sender',
      quietHours: null,
      mutedChats: [],
      devices: [],
      pushAvailable: true,
    });

    const quietHours = { start: '22:00', end: '07:30', timeZone: 'europe/berlin', allowDirectChats: true };
    const changed = await api.request('PATCH', '/api/v1/users/me/notifications', {
      body: { preview: 'full', quietHours },
      token: ann.token,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.notifications).toMatchObject({
      preview: 'full',
      quietHours: { ...quietHours, timeZone: 'Europe/Berlin' },
    });
    const partly = await api.request('PATCH', '/api/v1/users/me/notifications', {
      body: { preview: 'none' },
      token: ann.token,
    });
    expect(partly.body.notifications).toMatchObject({ preview: 'none', quietHours: { start: '22:00' } });
    const off = await api.request('PATCH', '/api/v1/users/me/notifications', {
      body: { quietHours: null },
      token: ann.token,
    });
    expect(off.body.notifications).toMatchObject({ preview: 'none', quietHours: null });
  });

  it('refuses bad settings with 400 and changes nothing', async ({ api }) => {
    const [ann] = await registerAll(api, 'Ann');
    const q = { start: '22:00', end: '07:00', timeZone: 'UTC' };
    const bad: unknown[] = [
      {},
      { preview: 'loud' },
      { quietHours: { ...q, start: '25:00' } },
      { quietHours: { ...q, end: '7:00' } },
      { quietHours: { ...q, timeZone: 'Mars/Olympus_Mons' } },
      { quietHours: { ...q, timeZone: 'x'.repeat(200) } },
      { quietHours: { ...q, end: '22:00' } },
      { quietHours: { ...q, allowDirectChats: 'yes' } },
      { quietHours: 'night' },
    ];
    for (const body of bad) {
      const res = await api.request('PATCH', '/api/v1/users/me/notifications', { body, token: ann.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const now = await api.get('/api/v1/users/me/notifications', ann.token);
    expect(now.body.notifications).toMatchObject({ preview: 'sender', quietHours: null });
  });
});

describe('per-chat mute', () => {
  it('mutes for a while or always, lists it, and unmutes', async ({ api }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const until = new Date(Date.now() + 8 * 3600_000).toISOString();
    const muted = await api.put(`/api/v1/chat/sessions/${chatId}/mute`, { until }, bob.token);
    expect(muted.status).toBe(200);
    expect(muted.body.mute).toEqual({ chatId, until, muteMentions: false });
    const always = await api.put(`/api/v1/chat/sessions/${chatId}/mute`, { until: 'always' }, bob.token);
    expect(always.body.mute).toEqual({ chatId, until: 'always', muteMentions: false });
    const listed = await api.get('/api/v1/users/me/notifications', bob.token);
    expect(listed.body.notifications.mutedChats).toEqual([{ chatId, until: 'always', muteMentions: false }]);
    expect(
      (await api.get('/api/v1/users/me/notifications', ann.token)).body.notifications.mutedChats,
    ).toEqual([]);
    expect((await api.delete(`/api/v1/chat/sessions/${chatId}/mute`, bob.token)).status).toBe(204);
    expect(
      (await api.get('/api/v1/users/me/notifications', bob.token)).body.notifications.mutedChats,
    ).toEqual([]);
  });

  it('answers outsiders as for unknown chats, and refuses bad times', async ({ api, server }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = await createGroup(api, ann, [bob]);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const outsider = await api.put(`/api/v1/chat/sessions/${chatId}/mute`, { until: future }, eve.token);
    const unknown = await api.put(
      `/api/v1/chat/sessions/0190c0de-0000-7000-8000-000000000000/mute`,
      { until: future },
      eve.token,
    );
    const notAnId = await api.put(`/api/v1/chat/sessions/nope/mute`, { until: future }, eve.token);
    for (const res of [outsider, unknown, notAnId]) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(outsider.body.error.message);
    }
    expect((await api.delete(`/api/v1/chat/sessions/${chatId}/mute`, eve.token)).status).toBe(404);
    for (const until of [
      new Date(Date.now() - 1000).toISOString(),
      'forever',
      '2026-13-40T00:00:00Z',
      12,
      null,
    ]) {
      const res = await api.put(`/api/v1/chat/sessions/${chatId}/mute`, { until }, bob.token);
      expect(res.status, String(until)).toBe(400);
    }
    const rows = await server.database.prisma.chatParticipant.findMany({ where: { chatId } });
    expect(rows.every((r) => r.mutedUntil === null)).toBe(true);
  });
});
