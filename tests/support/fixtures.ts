// The integration tests' fixtures: one real server per test file (started on
// first use, stopped after the file), its API client, and sockets that close
// after each test. A file that needs other settings says so once:
//
//   test.override('serverEnv', { GROUP_MAX_PARTICIPANTS: '5' });
//
// and a test takes what it uses: test('…', async ({ api, server }) => …).
import { test as base } from 'vitest';
import { Api } from './api';
import { startTestServer } from './server';
import { closeSocketsFrom, connect, socketMark, type ClientSocket } from './sockets';

type ConnectOptions = Parameters<typeof connect>[1];

export const test = base
  .extend('serverEnv', { scope: 'file' }, {} as Record<string, string>)
  .extend('server', { scope: 'file' }, async ({ serverEnv }, { onCleanup }) => {
    const server = await startTestServer({ env: serverEnv });
    onCleanup(() => server.stop());
    return server;
  })
  .extend('api', { scope: 'file' }, ({ server }) => new Api(server.url))
  /** Opens a socket to the file's server: openSocket({ token }). */
  .extend(
    'openSocket',
    ({ server }) =>
      (options?: ConnectOptions): Promise<ClientSocket> =>
        connect(server.url, options),
  )
  /** Every socket a test opened, with `openSocket` or `connect`, closes after it (those of a beforeAll stay). */
  .extend('closeSockets', { auto: true }, ({}, { onCleanup }) => {
    const mark = socketMark();
    onCleanup(() => closeSocketsFrom(mark));
    return true;
  });

export const it = test;
// Suite hooks that take the file's fixtures: beforeAll(async ({ api }) => …).
export const beforeAll = test.beforeAll.bind(test);
export const afterAll = test.afterAll.bind(test);
export const beforeEach = test.beforeEach.bind(test);
export const afterEach = test.afterEach.bind(test);
export { describe, expect } from 'vitest';
