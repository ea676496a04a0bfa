// The server's early answers to one user's REST flood, before Next: a user
// whose budget is spent is refused without the body being read, and a user
// with too many requests in progress is refused the next one. Nobody else
// notices either.
import { request, type ClientRequest } from 'node:http';
import { registerAll, type Api, type TestUser } from './support/api';
import { signInWithCookie } from './support/browser-session';
import { createDirect } from './support/chat';
import { TEST_DB, type TestServer } from './support/server';
import { describe, expect, it } from './support/fixtures';

// A write budget of 5 sends (the floor: one chat creation), 2 requests in progress at most.
it.override('serverEnv', { USER_WRITES_PER_SECOND: '1', USER_REQUESTS_IN_FLIGHT: '2' });

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { error?: { code: string; message: string } };
}

/** A POST whose body is announced but only begun: Next's handler waits for the rest of it. */
function unfinishedPost(
  server: TestServer,
  path: string,
  token: string,
  cookie?: string,
): { sent: ClientRequest; answer: Promise<Answer> } {
  const url = new URL(path, server.url);
  const credential = cookie ? { cookie, origin: server.url } : { authorization: `Bearer ${token}` };
  const sent = request(url, {
    method: 'POST',
    agent: false,
    headers: { ...credential, 'content-type': 'application/json', 'content-length': '1000' },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    sent.once('error', reject);
    sent.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'],
          body: JSON.parse(text) as Answer['body'],
        }),
      );
    });
  });
  sent.write('{"content":"half of a');
  return { sent, answer };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ]);

async function exhaustWrites(api: Api, user: TestUser, chatId: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: `m${i}` }, user.token);
    if (res.status === 429) return;
  }
  throw new Error('the write budget never ran out');
}

describe(`early refusals before Next on ${TEST_DB}`, () => {
  it('refuses a user whose write budget is spent with 429 and Retry-After without reading the body, and still serves their reads', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Spender', 'Other');
    const chatId = await createDirect(api, bob, ann);
    await new Promise((r) => setTimeout(r, 2100)); // creating the chat spent Bob's budget
    await exhaustWrites(api, ann, chatId);

    // The body never arrives: only an answer that does not wait for it can come back.
    const { sent, answer } = unfinishedPost(server, `/api/v1/chat/sessions/${chatId}/messages`, ann.token);
    const refused = await within(answer, 5000).finally(() => sent.destroy());
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toMatch(/^[12]$/);
    expect(refused.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/Too many changes/),
    });

    // Reads come from another budget, and the other person's writes from theirs.
    expect((await api.get(`/api/v1/chat/sessions/${chatId}/messages`, ann.token)).status).toBe(200);
    expect(
      (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'hi' }, bob.token)).status,
    ).toBe(201);
    // The budget comes back with its window.
    await new Promise((r) => setTimeout(r, 2100));
    expect(
      (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'later' }, ann.token)).status,
    ).toBe(201);
  });

  it('refuses a browser session the same way, from its cookie', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'CookieSpender', 'CookieOther');
    const chatId = await createDirect(api, bob, ann);
    const cookie = await signInWithCookie(server.url, ann.email, ann.password);
    await exhaustWrites(api, ann, chatId);
    const { sent, answer } = unfinishedPost(server, `/api/v1/chat/sessions/${chatId}/messages`, '', cookie);
    const refused = await within(answer, 5000).finally(() => sent.destroy());
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a request past USER_REQUESTS_IN_FLIGHT with a clear 429 while another user is served, and admits again when one ends', async ({
    api,
    server,
  }) => {
    const [busy, calm] = await registerAll(api, 'Busy', 'Calm');
    const chatId = await createDirect(api, calm, busy);
    const path = `/api/v1/chat/sessions/${chatId}/messages`;
    const hanging = [unfinishedPost(server, path, busy.token), unfinishedPost(server, path, busy.token)];
    let answered = 0;
    for (const h of hanging)
      h.answer.then(
        () => answered++,
        () => undefined,
      );
    try {
      // Both are in Next's hands (waiting for their bodies) once the cap refuses a third. The
      // probe waits between tries: while one is in progress it holds a slot a hanging POST wants.
      const probe = async () => {
        await new Promise((r) => setTimeout(r, 500));
        return api.get(path, busy.token);
      };
      let third = await probe();
      for (let i = 0; i < 20 && third.status !== 429; i++) third = await probe();
      expect(answered).toBe(0);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(third.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/at most 2 at a time/),
      });

      expect((await api.get(path, calm.token)).status).toBe(200);
    } finally {
      for (const h of hanging) h.sent.destroy();
    }
    let again = await api.get(path, busy.token);
    for (let i = 0; i < 200 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await api.get(path, busy.token);
    }
    expect(again.status).toBe(200);
  });
});
