// Sessions end when they should: signing out ends that browser session on
// the server (a kept copy of its cookie stops working and its sockets
// close), and "sign out everywhere" ends every session and token at once.
import { type Api } from './support/api';
import { signInWithCookie, signOutWithCookie } from './support/browser-session';
import { waitFor } from './support/chat';
import { TEST_DB } from './support/server';
import { describe, expect, it } from './support/fixtures';

const me = (api: Api, headers: Record<string, string>) => api.request('GET', '/api/v1/users/me', { headers });

describe(`sessions on ${TEST_DB}`, () => {
  it('signing out ends that browser session on the server, and closes its socket', async ({
    api,
    server,
    openSocket,
  }) => {
    const user = await api.register('Leaver');
    const cookie = await signInWithCookie(server.url, user.email, user.password);
    const other = await signInWithCookie(server.url, user.email, user.password);
    expect((await me(api, { cookie })).status).toBe(200);
    const sock = await openSocket({ headers: { cookie, origin: server.url } });
    const otherSock = await openSocket({ headers: { cookie: other, origin: server.url } });

    expect(await signOutWithCookie(server.url, cookie)).toBeLessThan(400);
    await waitFor(() => !sock.connected, 5_000, 'the signed-out socket to close');
    // A copy of the cookie kept from before is worth nothing now.
    const after = await me(api, { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    await expect(openSocket({ headers: { cookie, origin: server.url } })).rejects.toThrow(
      /session has ended/,
    );
    // The same person's other browser is another session: it carries on.
    expect((await me(api, { cookie: other })).status).toBe(200);
    expect(otherSock.connected).toBe(true);
    const stored = await server.database.prisma.$queryRaw<Array<{ revoked: number }>>`
      SELECT count(*)::int AS revoked FROM "AuthSession" WHERE "userId" = ${user.id}::uuid AND "revokedAt" IS NOT NULL`;
    expect(stored[0]?.revoked).toBe(1);
  });

  it('signing out everywhere ends every session and token, and closes every socket', async ({
    api,
    server,
    openSocket,
  }) => {
    const user = await api.register('Everywhere');
    const bystander = await api.register('Bystander');
    const cookie = await signInWithCookie(server.url, user.email, user.password);
    const second = await api.post('/api/v1/auth/token', { email: user.email, password: user.password });
    const sockets = await Promise.all([
      openSocket({ token: user.token }),
      openSocket({ token: second.body.token }),
      openSocket({ headers: { cookie, origin: server.url } }),
    ]);
    const theirs = await openSocket({ token: bystander.token });

    const res = await api.post('/api/v1/auth/revoke', {}, user.token);
    expect(res.status).toBe(204);
    await waitFor(() => sockets.every((s) => !s.connected), 5_000, 'every socket to close');
    expect((await api.get('/api/v1/users/me', user.token)).status).toBe(401);
    expect((await api.get('/api/v1/users/me', second.body.token)).status).toBe(401);
    expect((await me(api, { cookie })).status).toBe(401);
    // Nobody else is touched, and signing in again works.
    expect(theirs.connected).toBe(true);
    expect((await api.get('/api/v1/users/me', bystander.token)).status).toBe(200);
    const again = await api.post('/api/v1/auth/token', { email: user.email, password: user.password });
    expect((await api.get('/api/v1/users/me', again.body.token)).status).toBe(200);
  });

  it('refuses sign-out-everywhere without credentials, and from a foreign page with a cookie', async ({
    api,
    server,
  }) => {
    const user = await api.register('Guarded');
    const cookie = await signInWithCookie(server.url, user.email, user.password);
    expect((await api.post('/api/v1/auth/revoke', {})).status).toBe(401);
    const foreign = await api.request('POST', '/api/v1/auth/revoke', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await me(api, { cookie })).status).toBe(200);
  });
});
