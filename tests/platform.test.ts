import { signInWithCookie } from './support/browser-session';
import { TEST_DB } from './support/server';
import { connect } from './support/sockets';
import { describe, expect, it } from './support/fixtures';

describe(`platform on ${TEST_DB}`, () => {
  it('reports health with the database up', async ({ api }) => {
    const res = await api.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'up' });
    expect(typeof res.body.uptime).toBe('number');
  });

  describe('accounts', () => {
    it('registers, never returns the password, and issues a working token', async ({ api }) => {
      const res = await api.post('/api/v1/auth/register', {
        email: '  Zoe@Example.COM ',
        password: 'a long passphrase',
        name: 'Zoe',
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email: 'zoe@example.com', name: 'Zoe' });
      expect(JSON.stringify(res.body)).not.toMatch(/passphrase|passwordHash/);
      const me = await api.get('/api/v1/users/me', res.body.token);
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(res.body.user.id);
    });

    it('stores only an argon2id hash of the password', async ({ api, server }) => {
      const user = await api.register('Hash');
      const row = await server.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(user.password);
    });

    it('refuses a duplicate email with 409, whatever its case', async ({ api }) => {
      const user = await api.register('Dup');
      const res = await api.post('/api/v1/auth/register', {
        email: user.email.toUpperCase(),
        password: 'another passphrase',
        name: 'Other',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
    });

    it.for<[object, RegExp]>([
      [{ email: 'not-an-email', password: 'a long passphrase', name: 'A' }, /valid email/],
      [{ email: 'a@example.com', password: 'short', name: 'A' }, /at least 8 characters/],
      [{ email: 'a@example.com', password: 'password1', name: 'A' }, /too easy to guess/],
      [{ email: 'a@example.com', password: 'a long passphrase', name: '   ' }, /Enter your name/],
      [{ email: 'a@example.com', password: 12345678, name: 'A' }, /password/],
    ])('refuses bad sign-up input %j with a readable 400', async ([body, message], { api, server }) => {
      const before = await server.database.prisma.user.count();
      const res = await api.post('/api/v1/auth/register', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(message);
      expect(await server.database.prisma.user.count()).toBe(before);
    });

    it('exchanges correct credentials for a token and refuses wrong ones with 401', async ({ api }) => {
      const user = await api.register('Tok');
      const ok = await api.post('/api/v1/auth/token', { email: user.email, password: user.password });
      expect(ok.status).toBe(200);
      expect(ok.body.user.id).toBe(user.id);
      const wrong = await api.post('/api/v1/auth/token', { email: user.email, password: 'wrong password' });
      expect(wrong.status).toBe(401);
      const unknown = await api.post('/api/v1/auth/token', { email: 'nobody@example.com', password: 'x' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
    });

    it('revokes every token when the token version moves', async ({ api, server }) => {
      const user = await api.register('Revoked');
      await server.database.prisma.user.update({
        where: { id: user.id },
        data: { tokenVersion: { increment: 1 } },
      });
      expect((await api.get('/api/v1/users/me', user.token)).status).toBe(401);
    });
  });

  describe('HTTP input', () => {
    it('answers 401 JSON without credentials or with a bad token', async ({ api }) => {
      for (const token of [undefined, 'garbage', 'a.b.c']) {
        const res = await api.get('/api/v1/users/me', token);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
      const malformed = await api.request('GET', '/api/v1/users/me', {
        headers: { authorization: 'Basic abc' },
      });
      expect(malformed.status).toBe(401);
    });

    it('refuses malformed JSON with 400, a wrong content type with 415 and a huge body with 413', async ({
      api,
    }) => {
      const bad = await api.request('POST', '/api/v1/auth/register', { raw: '{"email":' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_JSON');
      const text = await api.request('POST', '/api/v1/auth/token', {
        raw: 'email=a',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      const huge = await api.request('POST', '/api/v1/auth/register', {
        raw: JSON.stringify({ name: 'x'.repeat(200_000), email: 'h@example.com', password: 'long enough' }),
      });
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await api.get('/api/health')).status).toBe(200);
    });

    it('answers a badly percent-encoded path with a 400 JSON error', async ({ api }) => {
      for (const path of ['/api/v1/chat/sessions/%E2%82', '/api/v1/users/%zz', '/%']) {
        const res = await api.get(path);
        expect(res.status, path).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
      }
      expect((await api.get('/api/health')).status).toBe(200);
    });

    it('ignores __proto__ and unknown keys', async ({ api, server }) => {
      const res = await api.request('POST', '/api/v1/auth/register', {
        raw: '{"__proto__":{"admin":true},"email":"proto@example.com","password":"a long passphrase","name":"P","tokenVersion":5}',
      });
      expect(res.status).toBe(201);
      const row = await server.database.prisma.user.findUniqueOrThrow({
        where: { email: 'proto@example.com' },
      });
      expect(row.tokenVersion).toBe(0);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('tags every response with a request id and never leaks internals', async ({ api }) => {
      const res = await api.get('/api/v1/users/me');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/prisma|stack|at /i);
    });

    it('keeps per-user answers out of caches and compresses only bodies worth it', async ({ api }) => {
      const user = await api.register('Cache');
      const gzip = { 'accept-encoding': 'gzip' };
      const me = await api.request('GET', '/api/v1/users/me', { token: user.token, headers: gzip });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store, no-transform');
      expect(me.headers.get('content-encoding')).toBeNull();

      const spec = await api.request('GET', '/api/v1/openapi.json', { headers: gzip });
      expect(spec.status).toBe(200);
      expect(spec.headers.get('cache-control')).toBe('public, max-age=300');
      expect(spec.headers.get('content-encoding')).toBe('gzip');
      expect(spec.body.openapi).toMatch(/^3\./);
    });
  });

  describe('browser session', () => {
    it('signs in with next-auth and the HttpOnly cookie authenticates REST calls', async ({
      api,
      server,
    }) => {
      const user = await api.register('Cookie');
      const csrf = await fetch(`${server.url}/api/auth/csrf`);
      expect(csrf.status).toBe(200);
      const cookie = await signInWithCookie(server.url, user.email, user.password);
      const me = await api.request('GET', '/api/v1/users/me', { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(user.id);
    });

    it('sets the session cookie HttpOnly and SameSite=Lax', async ({ api, server }) => {
      const user = await api.register('Flags');
      const csrfRes = await fetch(`${server.url}/api/auth/csrf`);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: csrfRes.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; '),
        },
        body: new URLSearchParams({ csrfToken, email: user.email, password: user.password }),
      });
      const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
    });

    it('does not sign in with a wrong password', async ({ api, server }) => {
      const user = await api.register('NoCookie');
      await expect(signInWithCookie(server.url, user.email, 'wrong password')).rejects.toThrow(
        /no session cookie/,
      );
    });
  });

  describe('socket handshake', () => {
    it('admits a socket with a bearer token', async ({ api, openSocket }) => {
      const user = await api.register('Sock');
      const socket = await openSocket({ token: user.token });
      expect(socket.connected).toBe(true);
    });

    it('refuses a socket without credentials, with a bad token, or a non-string token', async ({
      server,
      openSocket,
    }) => {
      await expect(connect(server.url)).rejects.toThrow(/Authentication required/);
      await expect(openSocket({ token: 'nope' })).rejects.toThrow(/invalid/);
      await expect(openSocket({ token: 42 as unknown as string })).rejects.toThrow(/auth.token/);
    });

    it('admits the browser session cookie from our own origin and refuses it from a foreign one', async ({
      api,
      server,
      openSocket,
    }) => {
      const user = await api.register('SockCookie');
      const cookie = await signInWithCookie(server.url, user.email, user.password);
      const own = await openSocket({ headers: { cookie, origin: server.url } });
      expect(own.connected).toBe(true);
      await expect(openSocket({ headers: { cookie, origin: 'https://evil.example' } })).rejects.toThrow(
        /must come from this site/,
      );
      await expect(openSocket({ headers: { cookie } })).rejects.toThrow(/must come from this site/);
    });

    it('refuses the session cookie from the same host over another scheme or port', async ({
      api,
      server,
      openSocket,
    }) => {
      const user = await api.register('SockScheme');
      const cookie = await signInWithCookie(server.url, user.email, user.password);
      const { host, hostname, port } = new URL(server.url);
      // A page on http://host must not act for https://host, nor one on another port.
      for (const origin of [`https://${host}`, `http://${hostname}:${Number(port) + 1}`]) {
        await expect(openSocket({ headers: { cookie, origin } }), origin).rejects.toThrow(
          /must come from this site/,
        );
      }
    });
  });

  describe('cookie-authenticated writes', () => {
    it('accept our own origin and refuse the same host over another scheme', async ({ api, server }) => {
      const ann = await api.register('WriteAnn');
      const bob = await api.register('WriteBob');
      const cookie = await signInWithCookie(server.url, ann.email, ann.password);
      const create = (origin: string) =>
        api.request('POST', '/api/v1/chat/sessions', {
          body: { type: 'DIRECT', targetUserId: bob.id },
          headers: { cookie, origin },
        });
      expect((await create(server.url)).status).toBeLessThan(300);
      const https = await create(`https://${new URL(server.url).host}`);
      expect(https.status).toBe(403);
      expect(https.body.error.code).toBe('FORBIDDEN');
    });
  });
});
