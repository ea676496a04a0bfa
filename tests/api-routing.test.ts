// The API answers as an API everywhere under /api: a path it does not have
// is a JSON 404, a method a path does not take a JSON 405 with Allow, never
// Next's HTML page or an empty body; and every documented operation is routed.
import { DATABASE_AGNOSTIC_PASS, TEST_DB } from './support/server';
import { describe, expect, it } from './support/fixtures';

describe.runIf(DATABASE_AGNOSTIC_PASS)(`API routing on ${TEST_DB}`, () => {
  it('answers unknown paths under /api with a JSON 404, whatever the method', async ({ api }) => {
    const user = await api.register('Prober');
    for (const [method, path] of [
      ['POST', '/api/v1/complaints'],
      ['GET', '/api/v1/nothing/here'],
      ['DELETE', '/api/v2/chat/sessions'],
      ['GET', '/api/v1/chat/sessions/x/y/z'],
      ['PUT', '/api/'],
    ] as const) {
      const res = await api.request(method, path, {
        token: user.token,
        ...(method === 'GET' ? {} : { body: {} }),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers a method a path does not take with a JSON 405 and Allow', async ({ api }) => {
    const user = await api.register('Wrong method');
    const res = await api.request('PATCH', '/api/v1/chat/sessions', { token: user.token, body: {} });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const me = await api.request('PUT', `/api/v1/users/me`, { token: user.token });
    expect(me.status).toBe(405);
    expect(me.headers.get('allow')).toBe('GET, PATCH, DELETE, HEAD, OPTIONS');
    const message = await api.request('POST', `/api/v1/chat/messages/${crypto.randomUUID()}`, {
      token: user.token,
    });
    expect(message.headers.get('allow')).toBe('GET, PUT, DELETE, HEAD, OPTIONS');
  });

  it('routes every documented operation to its handler, and leaves next-auth and health alone', async ({
    api,
  }) => {
    const doc = (await api.get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const concrete = path.replace('{id}', crypto.randomUUID());
        const res = await api.request(method.toUpperCase(), concrete, method === 'get' ? {} : { body: {} });
        // Signed out: 401 for most, 400 or 200 for the public ones; never the router's refusals.
        const refused = res.status === 405 || String(res.body?.error?.message).startsWith('There is no');
        expect(refused, `${method} ${path}`).toBe(false);
      }
    }
    expect((await api.get('/api/health')).status).toBe(200);
    expect((await api.get('/api/auth/csrf')).status).toBe(200);
  });
});
