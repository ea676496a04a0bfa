// Brute-force protection: per-address request budget and per-account wrong-password budget.
import { TEST_DB } from './support/server';
import { expect, it } from './support/fixtures';

it.override('serverEnv', { AUTH_REQUESTS_PER_MINUTE: '12', LOGIN_FAILURES_PER_ACCOUNT: '3' });

it(`pauses sign-in for an account after repeated wrong passwords, even with the right one (${TEST_DB})`, async ({
  api,
}) => {
  const user = await api.register('Target');
  for (let i = 0; i < 3; i++) {
    expect((await api.post('/api/v1/auth/token', { email: user.email, password: `guess ${i}` })).status).toBe(
      401,
    );
  }
  const locked = await api.post('/api/v1/auth/token', { email: user.email, password: user.password });
  expect(locked.status).toBe(429);
  expect(locked.body.error).toMatchObject({
    code: 'RATE_LIMITED',
    message: expect.stringMatching(/Try again in/),
  });
});

it(`limits sign-in and sign-up requests per client address (${TEST_DB})`, async ({ api, server }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) {
    const res = await api.post('/api/v1/auth/token', {
      email: `nobody${i}@example.com`,
      password: 'whatever',
    });
    statuses.push(res.status);
  }
  expect(statuses).toContain(429);
  const signUp = await api.post('/api/v1/auth/register', {
    email: 'late@example.com',
    password: 'a long passphrase',
    name: 'Late',
  });
  expect(signUp.status).toBe(429);
  expect(await server.database.prisma.user.count({ where: { email: 'late@example.com' } })).toBe(0);
  // A spoofed X-Forwarded-For does not buy a new budget when the proxy is not trusted.
  const spoofed = await api.request('POST', '/api/v1/auth/token', {
    body: { email: 'x@example.com', password: 'y' },
    headers: { 'x-forwarded-for': '203.0.113.9', 'x-chat-client-address': '203.0.113.10' },
  });
  expect(spoofed.status).toBe(429);
});
