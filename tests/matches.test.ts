// Who may start a direct chat (issue 15, item 1): with DM_POLICY=matched,
// only two people the host product matched through the admin API, and
// people search finds only your matches. Only a platform admin records matches.
import type { Api, TestUser } from './support/api';
import { describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';

const ADMIN_EMAIL = 'host-product@example.com';
it.override('serverEnv', { DM_POLICY: 'matched', ADMIN_EMAILS: ` ${ADMIN_EMAIL.toUpperCase()} ,other@example.com` });

const MATCHES = '/api/v1/admin/matches';
const CHATS = '/api/v1/chat/sessions';

let admin: TestUser | undefined;
/** The host product's account, named in ADMIN_EMAILS: an admin from sign-up. */
async function hostProduct(api: Api): Promise<TestUser> {
  if (admin) return admin;
  const password = 'admin-password-1';
  const res = await api.post('/api/v1/auth/register', { email: ADMIN_EMAIL, password, name: 'Host' });
  expect(res.status).toBe(201);
  admin = { id: res.body.user.id, name: 'Host', email: ADMIN_EMAIL, password, token: res.body.token };
  return admin;
}

const match = (api: Api, token: string, userIdA: string, userIdB: string, method = 'POST') =>
  api.request(method, MATCHES, { body: { userIdA, userIdB }, token });
const openDirect = (api: Api, from: TestUser, to: TestUser) =>
  api.post(CHATS, { type: 'DIRECT', targetUserId: to.id }, from.token);
const matchCount = (server: TestServer) => server.database.prisma.userMatch.count();

describe(`DM_POLICY=matched on ${TEST_DB}`, () => {
  it('lets only matched people open a direct chat, and finds only your matches', async ({ api }) => {
    const host = await hostProduct(api);
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const stranger = await openDirect(api, ann, bob);
    const nobody = await api.post(CHATS, { type: 'DIRECT', targetUserId: crypto.randomUUID() }, ann.token);
    // Not matched reads like no such person: nothing to learn from it.
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual(nobody.body);
    expect((await api.get(`/api/v1/users/search?q=bob`, ann.token)).body.users).toEqual([]);

    const first = await match(api, host.token, bob.id, ann.id);
    expect(first.status).toBe(201);
    const [a, b] = [ann.id, bob.id].sort();
    expect(first.body.match).toEqual({ userIdA: a, userIdB: b, createdAt: expect.any(String) });
    expect((await match(api, host.token, ann.id, bob.id)).status).toBe(200);

    expect((await api.get(`/api/v1/users/search?q=bob`, ann.token)).body.users.map((u: any) => u.id)).toEqual([
      bob.id,
    ]);
    expect((await openDirect(api, ann, bob)).status).toBe(201);

    // Unmatched: no new chat, the one they have stays.
    expect((await match(api, host.token, ann.id, bob.id, 'DELETE')).status).toBe(204);
    expect((await match(api, host.token, ann.id, bob.id, 'DELETE')).status).toBe(404);
    expect((await api.get(`/api/v1/users/search?q=bob`, ann.token)).body.users).toEqual([]);
  });

  it('removes the match when either closes the chat, and matching again opens it again', async ({
    api,
    server,
  }) => {
    const host = await hostProduct(api);
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    await match(api, host.token, ann.id, bob.id);
    const chatId = (await openDirect(api, ann, bob)).body.chat.id;
    await api.post(`/api/v1/chat/sessions/${chatId}/close`, {}, bob.token);
    expect(await server.database.prisma.userMatch.count({ where: { userAId: [ann.id, bob.id].sort()[0] } })).toBe(0);
    expect((await openDirect(api, ann, bob)).status).toBe(404);

    await match(api, host.token, ann.id, bob.id);
    const reopened = await openDirect(api, ann, bob);
    expect(reopened.body.chat).toMatchObject({ id: chatId, closedAt: null });
    const sent = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'again' }, ann.token);
    expect(sent.status).toBe(201);
  });

  it('is for platform admins only: everyone else gets 404, whatever they send', async ({ api, server }) => {
    const host = await hostProduct(api);
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    const before = await matchCount(server);
    for (const method of ['POST', 'DELETE']) {
      for (const body of [{ userIdA: ann.id, userIdB: bob.id }, {}, { nonsense: true }]) {
        const res = await api.request(method, MATCHES, { body, token: ann.token });
        expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(404);
        expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'There is nothing here.' });
      }
      expect((await api.request(method, MATCHES, { body: { userIdA: ann.id, userIdB: bob.id } })).status).toBe(401);
    }
    expect(await matchCount(server)).toBe(before);
    // The role comes from ADMIN_EMAILS only: the host's token is an admin's.
    expect((await match(api, host.token, ann.id, bob.id)).status).toBe(201);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async ({ api, server }) => {
    const host = await hostProduct(api);
    const ann = await api.register('Ann');
    const before = await matchCount(server);
    for (const body of [
      {},
      { userIdA: ann.id },
      { userIdA: ann.id, userIdB: 'nope' },
      { userIdA: 42, userIdB: ann.id },
      { userIdA: ann.id, userIdB: ann.id },
      { userIdA: ann.id, userIdB: ann.id.toUpperCase() },
      [],
      'x',
    ]) {
      const res = await api.post(MATCHES, body, host.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const unknown = await match(api, host.token, ann.id, crypto.randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'There is no user with this id.' });
    expect((await api.request('POST', MATCHES, { raw: '{"userIdA":', token: host.token })).status).toBe(400);
    expect(await matchCount(server)).toBe(before);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('records each match and unmatch in the audit log', async ({ api, server }) => {
    const host = await hostProduct(api);
    const ann = await api.register('Ann');
    const bob = await api.register('Bob');
    await match(api, host.token, ann.id, bob.id);
    await match(api, host.token, ann.id, bob.id, 'DELETE');
    const entries = await server.database.prisma.auditEntry.findMany({
      where: { actorId: host.id },
      orderBy: { createdAt: 'asc' },
    });
    const [a, b] = [ann.id, bob.id].sort();
    expect(entries.slice(-2).map((e) => [e.action, e.details])).toEqual([
      ['match.added', { userAId: a, userBId: b }],
      ['match.removed', { userAId: a, userBId: b }],
    ]);
  });
});
