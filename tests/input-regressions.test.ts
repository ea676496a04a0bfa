// Issue 22, item 5: no input reaches the database as an error. Each case the
// red team reported (NUL and lone surrogates in text, out-of-range cursors
// and integers, bodies that are not UTF-8) is refused with 400 VALIDATION on
// REST and a VALIDATION ack on the socket, stores nothing, and leaves the
// server healthy. RTL overrides are text like any other and are kept exactly.
import type { Api, ApiResponse, TestUser } from './support/api';
import { createGroup } from './support/chat';
import { snapshotDb } from './support/db';
import { call } from './support/emit';
import { cursorOf, INT4_MAX, LONE_HIGH, LONE_LOW, NUL, RTL } from './support/hostile';
import { TEST_DB, type TestServer } from './support/server';
import { connect, type ClientSocket } from './support/sockets';
import { beforeAll, describe, expect, it } from './support/fixtures';

let ann: TestUser;
let bob: TestUser;
let chatId: string;
let messageId: string;
let sock: ClientSocket;

const SESSIONS = '/api/v1/chat/sessions';

beforeAll(async ({ api }) => {
  [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  chatId = await createGroup(api, ann, [bob], 'Red team');
  const sent = await api.post(`${SESSIONS}/${chatId}/messages`, { content: 'original text' }, ann.token);
  messageId = sent.body.message.id;
});

/** Everything a refused input could have changed, accounts included. */
async function everything(server: TestServer) {
  const prisma = server.database.prisma;
  return { ...(await snapshotDb(prisma)), users: await prisma.user.count() };
}

function expectValidation(res: ApiResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error, what).toEqual({ code: 'VALIDATION', message: expect.any(String) });
}

const email = () => `red-${crypto.randomUUID().slice(0, 8)}@example.com`;
const q = (text: string) => encodeURIComponent(text);

describe(`REST refuses what PostgreSQL cannot store, on ${TEST_DB}`, () => {
  const cases: Array<[string, (api: Api) => Promise<ApiResponse>]> = [
    [
      'message with NUL',
      (api) => api.post(`${SESSIONS}/${chatId}/messages`, { content: `a${NUL}b` }, ann.token),
    ],
    [
      'message with a lone high surrogate',
      (api) => api.post(`${SESSIONS}/${chatId}/messages`, { content: `a${LONE_HIGH}b` }, ann.token),
    ],
    [
      'message with a lone low surrogate',
      (api) => api.post(`${SESSIONS}/${chatId}/messages`, { content: `${LONE_LOW}` }, ann.token),
    ],
    [
      'edit with NUL',
      (api) => api.put(`/api/v1/chat/messages/${messageId}`, { content: `x${NUL}` }, ann.token),
    ],
    [
      'edit with a lone surrogate',
      (api) => api.put(`/api/v1/chat/messages/${messageId}`, { content: `x${LONE_HIGH}` }, ann.token),
    ],
    [
      'group name with NUL',
      (api) => api.post(SESSIONS, { type: 'GROUP', name: `G${NUL}`, participantIds: [bob.id] }, ann.token),
    ],
    [
      'group description with NUL',
      (api) =>
        api.post(
          SESSIONS,
          { type: 'GROUP', name: 'G', description: `d${NUL}`, participantIds: [] },
          ann.token,
        ),
    ],
    [
      'group name with a lone surrogate',
      (api) => api.post(SESSIONS, { type: 'GROUP', name: `G${LONE_LOW}`, participantIds: [] }, ann.token),
    ],
    [
      'group avatar address with NUL',
      (api) =>
        api.post(
          SESSIONS,
          { type: 'GROUP', name: 'G', avatarUrl: `https://cdn.example/a${NUL}.png`, participantIds: [] },
          ann.token,
        ),
    ],
    [
      'new avatar address with a lone surrogate',
      (api) =>
        api.put(`${SESSIONS}/${chatId}`, { avatarUrl: `https://cdn.example/${LONE_HIGH}.png` }, ann.token),
    ],
    ['rename with NUL', (api) => api.put(`${SESSIONS}/${chatId}`, { name: `R${NUL}` }, ann.token)],
    [
      'new description with NUL',
      (api) => api.put(`${SESSIONS}/${chatId}`, { description: `${NUL}` }, ann.token),
    ],
    [
      'sign-up name with NUL',
      (api) =>
        api.post('/api/v1/auth/register', {
          email: email(),
          password: 'a long passphrase',
          name: `Eve${NUL}`,
        }),
    ],
    [
      'sign-up name with a lone surrogate',
      (api) =>
        api.post('/api/v1/auth/register', {
          email: email(),
          password: 'a long passphrase',
          name: `Eve${LONE_HIGH}`,
        }),
    ],
    ['people search for NUL', (api) => api.get(`/api/v1/users/search?q=${q(`a${NUL}`)}`, ann.token)],
    [
      'message search for NUL',
      (api) => api.get(`${SESSIONS}/${chatId}/search?q=${q(`text${NUL}`)}`, ann.token),
    ],
    ['query string that is not UTF-8', (api) => api.get(`${SESSIONS}/${chatId}/search?q=%FFtext`, ann.token)],
    [
      'chat list cursor in year 0000',
      (api) =>
        api.get(`${SESSIONS}?cursor=${cursorOf({ at: '0000-01-01T00:00:00.000Z', id: chatId })}`, ann.token),
    ],
    [
      'chat list cursor before 1970',
      (api) =>
        api.get(`${SESSIONS}?cursor=${cursorOf({ at: '1969-12-31T23:59:59.999Z', id: chatId })}`, ann.token),
    ],
    [
      'search cursor seq past 2^31−1',
      (api) =>
        api.get(
          `${SESSIONS}/${chatId}/search?q=text&cursor=${cursorOf({ rank: 0, seq: INT4_MAX + 1 })}`,
          ann.token,
        ),
    ],
    [
      'search cursor seq of 2^53−1',
      (api) =>
        api.get(
          `${SESSIONS}/${chatId}/search?q=text&cursor=${cursorOf({ rank: 0, seq: Number.MAX_SAFE_INTEGER })}`,
          ann.token,
        ),
    ],
    [
      'history before 2^53−1',
      (api) => api.get(`${SESSIONS}/${chatId}/messages?before=${Number.MAX_SAFE_INTEGER}`, ann.token),
    ],
    [
      'chat list limit of 2^53−1',
      (api) => api.get(`${SESSIONS}?limit=${Number.MAX_SAFE_INTEGER}`, ann.token),
    ],
    [
      'people search limit of 2^31',
      (api) => api.get(`/api/v1/users/search?q=bob&limit=${INT4_MAX + 1}`, ann.token),
    ],
  ];

  it.for(cases)(
    'refuses a %s with 400 VALIDATION and stores nothing',
    async ([what, request], { api, server }) => {
      const before = await everything(server);
      expectValidation(await request(api), what);
      expect(await everything(server)).toEqual(before);
    },
  );

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async ({
    server,
  }) => {
    const before = await everything(server);
    const json = Buffer.concat([
      Buffer.from('{"content":"ok '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    const res = await fetch(`${server.url}${SESSIONS}/${chatId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
      body: json,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON');
    expect(await everything(server)).toEqual(before);
  });

  it('stores RTL overrides and other legal oddities exactly as sent', async ({ api, server }) => {
    const text = `${RTL}gnp.exe \u2066isolate\u2069 \uFEFFbom \uFFFD 👋🏽`;
    const sent = await api.post(`${SESSIONS}/${chatId}/messages`, { content: text }, ann.token);
    expect(sent.status).toBe(201);
    const stored = await server.database.prisma.chatMessage.findUniqueOrThrow({
      where: { id: sent.body.message.id },
    });
    expect(stored.content).toBe(text);
    const group = await api.post(
      SESSIONS,
      { type: 'GROUP', name: `${RTL}quorG`, participantIds: [] },
      ann.token,
    );
    expect(group.body.chat.name).toBe(`${RTL}quorG`);
    const found = await api.get(`${SESSIONS}/${chatId}/search?q=${q(`${RTL}gnp`)}`, ann.token);
    expect(found.status).toBe(200);
    expect((await api.get('/api/health')).status).toBe(200);
  });
});

describe(`the socket refuses the same input, on ${TEST_DB}`, () => {
  const cases: Array<[string, string, () => unknown]> = [
    ['send_message', 'NUL content', () => ({ chatId, content: `a${NUL}` })],
    ['send_message', 'a lone surrogate', () => ({ chatId, content: `a${LONE_HIGH}` })],
    ['edit_message', 'NUL content', () => ({ messageId, content: `${NUL}` })],
    ['edit_message', 'a lone surrogate', () => ({ messageId, content: `x${LONE_LOW}y` })],
    ['create_chat', 'a NUL name', () => ({ type: 'GROUP', name: `G${NUL}`, participantIds: [] })],
    [
      'create_chat',
      'a NUL description',
      () => ({ type: 'GROUP', name: 'G', description: `${NUL}`, participantIds: [] }),
    ],
    [
      'sync',
      'changedSince in year 0000',
      () => ({ since: { [chatId]: 0 }, changedSince: '0000-01-01T00:00:00Z' }),
    ],
    [
      'sync',
      'changedSince before 1970',
      () => ({ since: { [chatId]: 0 }, changedSince: '1969-07-20T20:17:00Z' }),
    ],
    ['sync', 'a watermark of 2^53−1', () => ({ since: { [chatId]: Number.MAX_SAFE_INTEGER } })],
    ['fetch_messages', 'before 2^53−1', () => ({ chatId, before: Number.MAX_SAFE_INTEGER })],
    ['fetch_messages', 'after 2^31', () => ({ chatId, after: INT4_MAX + 1 })],
    ['fetch_messages', 'a limit of 2^53−1', () => ({ chatId, limit: Number.MAX_SAFE_INTEGER })],
    ['fetch_messages', 'a limit of 1.5', () => ({ chatId, limit: 1.5 })],
  ];

  it.for(cases)('%s with %s is a VALIDATION ack, nothing stored', async ([event, , payload], { server }) => {
    sock = await connect(server.url, { token: ann.token });
    const before = await everything(server);
    const res = await call(sock, event, payload());
    expect(res).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.any(String) } });
    expect(await everything(server)).toEqual(before);
    expect(sock.connected).toBe(true);
  });

  it('stores an RTL override sent over the socket exactly, and the server stays healthy', async ({
    api,
    server,
  }) => {
    sock = await connect(server.url, { token: ann.token });
    const content = `abc${RTL}fdp.exe`;
    const res = await call(sock, 'send_message', { chatId, content });
    expect(res).toMatchObject({ ok: true, data: { content } });
    const health = await api.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
  });
});

describe('the OpenAPI document', () => {
  it('states the bounds the server enforces', async ({ api }) => {
    const doc = (await api.get('/api/v1/openapi.json')).body;
    const history = doc.paths['/api/v1/chat/sessions/{id}/messages'].get.parameters;
    expect(history.find((p: { name: string }) => p.name === 'before').schema).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: INT4_MAX,
    });
    expect(doc.components.schemas.Message.properties.seq.maximum).toBe(INT4_MAX);
    const content = JSON.stringify(doc.components.schemas.SendMessageRequest.properties.content);
    expect(new RegExp(JSON.parse(content).pattern).test(`a${NUL}`)).toBe(false);
    expect(new RegExp(JSON.parse(content).pattern).test(`a${RTL}👋`)).toBe(true);
    expect(doc.info.description).toContain('1970–9999');
  });
});
