// A socket lives only as long as its credential.
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';
import { expect, it } from './support/fixtures';

it.override('serverEnv', { TOKEN_TTL_SECONDS: '2' });

it(`disconnects a socket when its token expires (${TEST_DB})`, async ({ api, openSocket }) => {
  const a = await api.register('Short');
  const sock = await openSocket({ token: a.token });
  const err = nextEvent<any>(sock, 'error', 5000);
  const gone = nextEvent(sock, 'disconnect', 5000);
  expect(await err).toMatchObject({ code: 'UNAUTHENTICATED' });
  await gone;
  await expect(openSocket({ token: a.token })).rejects.toThrow(/expired/);
});
