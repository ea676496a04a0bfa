// Profiles: your own name, bio and pronouns (plain text, checked), the card
// others see (404 for someone who blocks them), and the chats two people
// share, which never reveal any other chat.
import { registerAll, type Api, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';

// The server's first requests are slow on a busy machine: taken under the hook's longer timeout.
beforeAll(async ({ api }) => {
  await api.register('Warm');
});

const patchMe = (api: Api, user: TestUser, body: unknown) =>
  api.request('PATCH', '/api/v1/users/me', { body, token: user.token });

describe('your own profile', () => {
  it('sets name, bio and pronouns, each only when given, and clears them', async ({ api }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const fresh = await api.get('/api/v1/users/me', ann.token);
    expect(fresh.body.user).toMatchObject({ name: 'Ann', bio: null, pronouns: null });

    let res = await patchMe(api, ann, {
      name: '  Ann Lee ',
      bio: 'Climber.\nCoffee first.',
      pronouns: 'she/her',
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: ann.id,
      name: 'Ann Lee',
      bio: 'Climber.\nCoffee first.',
      pronouns: 'she/her',
      email: ann.email,
      platformRole: 'USER',
    });
    res = await patchMe(api, ann, { pronouns: 'they/them' });
    expect(res.body.user).toMatchObject({
      name: 'Ann Lee',
      bio: 'Climber.\nCoffee first.',
      pronouns: 'they/them',
    });
    // What others see: the card, and the name in the chats they share.
    const card = await api.get(`/api/v1/users/${ann.id}`, bob.token);
    expect(card.body.user).toEqual({
      id: ann.id,
      name: 'Ann Lee',
      avatarUrl: null,
      bio: 'Climber.\nCoffee first.',
      pronouns: 'they/them',
    });
    expect(card.body.user.email).toBeUndefined();
    const chatId = await createDirect(api, bob, ann);
    const chat = await api.get(`/api/v1/chat/sessions/${chatId}`, bob.token);
    expect(chat.body.chat.participants.find((p: { id: string }) => p.id === ann.id).name).toBe('Ann Lee');
    // "" and null clear.
    res = await patchMe(api, ann, { bio: '', pronouns: null });
    expect(res.body.user).toMatchObject({ name: 'Ann Lee', bio: null, pronouns: null });
    // Up to the limits exactly, counted in characters (an emoji is one).
    res = await patchMe(api, ann, { bio: '🧗'.repeat(160), pronouns: 'x'.repeat(40) });
    expect(res.status).toBe(200);
    expect([...res.body.user.bio]).toHaveLength(160);
  });

  it('refuses overlong text, control characters and unknown fields, changing nothing', async ({ api }) => {
    const [ann] = await registerAll(api, 'Ann');
    await patchMe(api, ann, { bio: 'Kept bio', pronouns: 'she/her' });
    const cases: Array<[unknown, RegExp]> = [
      [{ bio: 'x'.repeat(161) }, /160/],
      [{ pronouns: 'x'.repeat(41) }, /40/],
      [{ name: 'x'.repeat(81) }, /80/],
      [{ name: '   ' }, /name/i],
      [{ name: 'Ann\u0007' }, /control/],
      [{ name: 'Ann\nLee' }, /control/],
      [{ pronouns: 'she\u0085her' }, /control/],
      [{ bio: 'tab\there' }, /control/],
      [{ bio: 'nul\u0000' }, /NUL|control/],
      [{ bio: 'half \ud83d' }, /surrogate/],
      [{ bio: 42 }, /text/],
      [{ email: 'new@example.com' }, /Unknown field/],
      [{}, /at least one/],
      [[], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await patchMe(api, ann, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message, JSON.stringify(body)).toMatch(message);
    }
    const me = await api.get('/api/v1/users/me', ann.token);
    expect(me.body.user).toMatchObject({ name: 'Ann', bio: 'Kept bio', pronouns: 'she/her' });
    // Markup is kept as text, never interpreted.
    const html = '<img src=x onerror=alert(1)>';
    expect((await patchMe(api, ann, { bio: html })).body.user.bio).toBe(html);
  });
});

describe("someone else's profile", () => {
  it('is 404 for someone who blocks you, and for unknown ids and outsiders without a token', async ({
    api,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    expect((await api.post('/api/v1/blocks', { userId: bob.id }, ann.token)).status).toBe(201);
    // Ann blocks Bob: Bob no longer finds Ann; Ann still sees Bob (to unblock him).
    expect((await api.get(`/api/v1/users/${ann.id}`, bob.token)).status).toBe(404);
    expect((await api.get(`/api/v1/users/${ann.id}/shared-chats`, bob.token)).status).toBe(404);
    expect((await api.get(`/api/v1/users/${bob.id}`, ann.token)).status).toBe(200);
    expect((await api.get('/api/v1/users/01900000-0000-7000-8000-000000000000', ann.token)).status).toBe(404);
    expect((await api.get('/api/v1/users/not-an-id/shared-chats', ann.token)).status).toBe(404);
    expect((await api.get(`/api/v1/users/${bob.id}`)).status).toBe(401);
    expect((await api.get(`/api/v1/users/${bob.id}/shared-chats`)).status).toBe(401);
    await api.delete(`/api/v1/blocks/${bob.id}`, ann.token);
    expect((await api.get(`/api/v1/users/${ann.id}`, bob.token)).status).toBe(200);
  });
});

describe('shared chats', () => {
  it('lists only the chats both are current members of', async ({ api }) => {
    const [ann, bob, carol] = await registerAll(api, 'Ann', 'Bob', 'Carol');
    const direct = await createDirect(api, ann, bob);
    const both = await createGroup(api, carol, [ann, bob], 'Both');
    const left = await createGroup(api, ann, [bob], 'Bob left');
    await createGroup(api, ann, [carol], 'Ann and Carol only');
    await createDirect(api, ann, carol);
    await createGroup(api, bob, [carol], 'Bob and Carol only');
    expect((await api.delete(`/api/v1/chat/sessions/${left}`, bob.token)).status).toBe(204);

    const res = await api.get(`/api/v1/users/${bob.id}/shared-chats`, ann.token);
    expect(res.status).toBe(200);
    const chats = res.body.chats as Array<{
      id: string;
      type: string;
      name: string | null;
      participantCount: number;
    }>;
    expect(chats.map((c) => c.id).sort()).toEqual([direct, both].sort());
    expect(chats.find((c) => c.id === both)).toEqual({
      id: both,
      type: 'GROUP',
      name: 'Both',
      avatarUrl: null,
      participantCount: 3,
    });
    expect(chats.find((c) => c.id === direct)).toMatchObject({
      type: 'DIRECT',
      name: null,
      participantCount: 2,
    });
    // The same from Bob's side; Bob has nothing with someone he shares nothing with.
    const fromBob = await api.get(`/api/v1/users/${ann.id}/shared-chats`, bob.token);
    expect(fromBob.body.chats.map((c: { id: string }) => c.id).sort()).toEqual([direct, both].sort());
    const [dave] = await registerAll(api, 'Dave');
    expect((await api.get(`/api/v1/users/${ann.id}/shared-chats`, dave.token)).body.chats).toEqual([]);
    // Your own id is not a question this answers.
    expect((await api.get(`/api/v1/users/${ann.id}/shared-chats`, ann.token)).status).toBe(400);
  });
});
