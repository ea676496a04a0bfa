// A socket lives only as long as its credential.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Api } from './support/api';
import { startTestServer, TEST_DB, type TestServer } from './support/server';
import { closeAllSockets, connect, nextEvent } from './support/sockets';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { TOKEN_TTL_SECONDS: '2' } });
});
afterAll(() => server?.stop());
afterEach(() => closeAllSockets());

it(`disconnects a socket when its token expires (${TEST_DB})`, async () => {
  const a = await new Api(server.url).register('Short');
  const sock = await connect(server.url, { token: a.token });
  const err = nextEvent<any>(sock, 'error', 5000);
  const gone = nextEvent(sock, 'disconnect', 5000);
  expect(await err).toMatchObject({ code: 'UNAUTHENTICATED' });
  await gone;
  await expect(connect(server.url, { token: a.token })).rejects.toThrow(/expired/);
});
