// The security headers as a browser receives them: every page carries a
// policy whose nonce is new per response and is on every script of that page,
// every answer carries the fixed headers, and HSTS comes only over https.
import { createHash } from 'node:crypto';
import type { TestUser } from './support/api';
import { signInWithCookie } from './support/browser-session';
import { spawnServer, type ChildServer } from './support/child-server';
import { afterAll, beforeAll, describe, expect, it } from './support/fixtures';
import { createServerDatabase, type ServerDatabase } from './support/postgres';
import { DATABASE_AGNOSTIC_PASS, TEST_DB } from './support/server';

let user: TestUser;
let cookie: string;

beforeAll(async ({ api, server }) => {
  user = await api.register('Headers');
  cookie = await signInWithCookie(server.url, user.email, user.password);
});

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { redirect: 'manual', headers });
  return { res, html: await res.text() };
}

function directives(policy: string | null): Map<string, string[]> {
  expect(policy, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    (policy ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

/** Checks a page's policy against its HTML and returns the policy's nonce. */
function checkPage(res: Response, html: string): string {
  const policy = directives(res.headers.get('content-security-policy'));
  const scriptSrc = policy.get('script-src') ?? [];
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /^'nonce-(.+)'$/.exec(scriptSrc.find((s) => s.startsWith("'nonce-")) ?? '')?.[1];
  expect(nonce, 'a nonce in script-src').toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  // The signed-out redirect may carry no script at all; the pages do.
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) expect(tag).toContain(` nonce="${nonce}"`);
  // Each <style> is allowed by the nonce or by the hash of its text.
  const styleSrc = policy.get('style-src') ?? [];
  for (const [, attributes = '', text = ''] of html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)) {
    const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(attributes.includes(` nonce="${nonce}"`) || styleSrc.includes(hash), `<style${attributes}>`).toBe(
      true,
    );
  }
  return nonce as string;
}

function checkFixedHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
  expect(res.headers.get('permissions-policy')).toContain('camera=()');
}

describe.runIf(DATABASE_AGNOSTIC_PASS)(`security headers over http on ${TEST_DB}`, () => {
  it.for<[string, string, boolean]>([
    ['the landing page', '/', false],
    ['the sign-in page', '/sign-in', false],
    ['the chat screen', '/chat', true],
    ['the API reference', '/api-docs', false],
  ])(
    'gives %s a nonce policy that every script and style on it satisfies',
    async ([, path, signedIn], { server }) => {
      const headers = signedIn ? { cookie } : undefined;
      const first = await get(server.url, path, headers);
      expect(first.res.status).toBe(200);
      expect(first.html.match(/<script\b/g)?.length ?? 0).toBeGreaterThan(0);
      const nonce = checkPage(first.res, first.html);
      const second = await get(server.url, path, headers);
      expect(checkPage(second.res, second.html)).not.toBe(nonce);
      checkFixedHeaders(first.res);
      expect(first.res.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('lets pages connect to their own origin and its websocket, and nowhere else', async ({ server }) => {
    const { res } = await get(server.url, '/sign-in');
    const policy = directives(res.headers.get('content-security-policy'));
    expect(policy.get('connect-src')).toEqual(["'self'", `ws://${new URL(server.url).host}`]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('manifest-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('sends the policy and the fixed headers with the redirects too', async ({ server }) => {
    const signedOut = await get(server.url, '/chat');
    expect(signedOut.res.status).toBe(307);
    expect(signedOut.res.headers.get('location')).toMatch(/\/sign-in$/);
    checkPage(signedOut.res, signedOut.html);
    checkFixedHeaders(signedOut.res);
    const signedIn = await get(server.url, '/', { cookie });
    expect(signedIn.res.status).toBe(307);
    expect(signedIn.res.headers.get('location')).toMatch(/\/chat$/);
    checkPage(signedIn.res, signedIn.html);
  });

  it('marks API answers nosniff, under a policy that allows nothing to run', async ({ server }) => {
    const { res, html } = await get(server.url, '/api/v1/users/me', {
      authorization: `Bearer ${user.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(html)).toMatchObject({ user: { id: user.id } });
    checkFixedHeaders(res);
    expect(directives(res.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('does not believe a client that claims https without a trusted proxy', async ({ server }) => {
    const { res } = await get(server.url, '/sign-in', { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(directives(res.headers.get('content-security-policy')).get('connect-src')).toEqual([
      "'self'",
      `ws://${new URL(server.url).host}`,
    ]);
  });
});

describe.runIf(DATABASE_AGNOSTIC_PASS)('security headers with an https PUBLIC_URL', () => {
  let https: ChildServer | undefined;
  let database: ServerDatabase | undefined;

  beforeAll(async () => {
    database = await createServerDatabase('pglite', 'chat_headers');
    // Served over http here, as behind a TLS-terminating proxy; only the headers are checked.
    https = await spawnServer({
      ...database.env,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://chat.example.test',
    });
  });
  afterAll(async () => {
    await https?.stop();
    await database?.drop();
  });

  it('sends HSTS on pages and API answers, and points the socket at wss:', async () => {
    const page = await get(https!.url, '/sign-in');
    expect(page.res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
    const policy = directives(page.res.headers.get('content-security-policy'));
    expect(policy.get('connect-src')).toEqual(["'self'", 'wss://chat.example.test']);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    checkPage(page.res, page.html);
    const health = await get(https!.url, '/api/health');
    expect(health.res.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});
