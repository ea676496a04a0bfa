// Link previews (issue 20, item 7): off by default, the sender's linkPreviews
// setting opts their messages in. The server fetches https pages only, never
// from a private, loopback or link-local address (resolved and checked, also
// after each of at most 3 redirects), within 1 MB and 3 s, caches by URL,
// stores the preview with the message and relays it as message_edited.
// A local listener stands in for the internet and must see no connection
// for anything the checks refuse.
import type { Api, TestUser } from './support/api';
import { createDirect, sleep, waitFor } from './support/chat';
import { call } from './support/emit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from './support/fixtures';
import { html, LinkSite } from './support/link-site';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const PUBLIC = '93.184.216.34';
const site = await LinkSite.start(['public.test', 'other.test', 'hop.test', 'big.test', 'slow.test']);
it.override(
  'serverEnv',
  site.serverEnv({
    'public.test': PUBLIC,
    'other.test': '93.184.216.35',
    'hop.test': '93.184.216.36',
    'big.test': '93.184.216.37',
    'slow.test': '93.184.216.38',
    'loopback.test': '127.0.0.1',
    'ten.test': '10.1.2.3',
    'metadata.test': '169.254.169.254',
    'v6.test': '::1',
  }),
);
afterAll(() => site.close());

site.serve('public.test', (res, path) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    html(`<title>Fallback</title>
      <meta property="og:title" content="Climbing &amp; more ${path.includes('second') ? '2' : '1'}">
      <meta property="og:description" content="<script>alert(1)</script> Routes near you">
      <meta property="og:site_name" content="Public">`),
  );
});
site.serve('other.test', (res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(html('<title>Other page</title>'));
});
// /n/3 → /n/2 → … : n redirects before the page.
site.serve('hop.test', (res, path) => {
  const chain = /^\/n\/(\d+)$/.exec(path);
  const targets: Record<string, string> = {
    '/to-public': 'https://public.test/via-hop',
    '/to-loopback-name': 'https://loopback.test/',
    '/to-loopback-ip': 'https://127.0.0.1/',
    '/to-ten': 'https://ten.test/',
    '/to-metadata': 'https://169.254.169.254/latest/meta-data/',
    '/to-http': 'http://public.test/page',
  };
  const left = chain ? Number(chain[1]) : 0;
  const location = chain ? (left > 0 ? `/n/${left - 1}` : undefined) : targets[path];
  if (location) {
    res.writeHead(302, { location });
    res.end();
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html('<title>End of the chain</title>'));
  }
});
// The title only after 1.1 MB: past what the fetcher reads.
site.serve('big.test', (res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<html><head><!--${'x'.repeat(1_100_000)}--><title>Too far down</title></head></html>`);
});
// Headers at once, the page after 5 s: past the 3 s limit.
site.serve('slow.test', (res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.write('<html><head>');
  setTimeout(() => res.end('<title>Too late</title></head></html>'), 5000).unref();
});

const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;
const optIn = (api: Api, user: TestUser, linkPreviews = true) =>
  api.request('PATCH', '/api/v1/users/me/settings', { body: { linkPreviews }, token: user.token });
const previewOf = async (server: TestServer, id: string) =>
  (await server.database.prisma.chatMessage.findUniqueOrThrow({ where: { id } })).linkPreview;

async function pair(api: Api) {
  const ann = await api.register('Ann');
  const bob = await api.register('Bob');
  return { ann, bob, chatId: await createDirect(api, ann, bob) };
}

/** Sends `content` as Ann and waits until its preview is stored (or `ms` pass); returns the message id. */
async function sendAndSettle(api: Api, server: TestServer, user: TestUser, chatId: string, content: string) {
  const res = await api.post(messagesOf(chatId), { content }, user.token);
  expect(res.status).toBe(201);
  return res.body.message.id as string;
}

// The server starts under the hook timeout, not the first test's.
beforeAll(async ({ server }) => void server.url);

beforeEach(() => {
  site.connections = 0;
  site.requests.length = 0;
});

describe(`link previews on ${TEST_DB}`, () => {
  it('off by default: nothing is fetched for a link until the sender opts in', async ({ api, server }) => {
    const { ann, chatId } = await pair(api);
    const id = await sendAndSettle(api, server, ann, chatId, 'see https://public.test/page');
    await sleep(500);
    expect(site.connections).toBe(0);
    expect(await previewOf(server, id)).toBeNull();
    expect((await api.get(messagesOf(chatId), ann.token)).body.items[0].linkPreview).toBeNull();
  });

  it('once opted in, fetches the page after the send and relays the stored preview as message_edited', async ({
    api,
    server,
    openSocket,
  }) => {
    const { ann, bob, chatId } = await pair(api);
    await optIn(api, ann);
    const bobSock = await openSocket({ token: bob.token });
    const received = nextEvent<any>(bobSock, 'message_received');
    const edited = nextEvent<any>(bobSock, 'message_edited');
    const since = new Date().toISOString();
    const id = await sendAndSettle(api, server, ann, chatId, 'climb? https://public.test/page.');
    expect((await received).linkPreview).toBeNull();
    const withPreview = await edited;
    const preview = {
      url: 'https://public.test/page',
      title: 'Climbing & more 1',
      description: '<script>alert(1)</script> Routes near you',
      siteName: 'Public',
    };
    expect(withPreview).toMatchObject({ id, editedAt: null, content: 'climb? https://public.test/page.' });
    expect(withPreview.linkPreview).toEqual(preview);
    expect(site.requests).toEqual([{ host: 'public.test', path: '/page', servername: 'public.test' }]);
    expect(await previewOf(server, id)).toEqual(preview);
    expect((await api.get(messagesOf(chatId), bob.token)).body.items[0].linkPreview).toEqual(preview);
    // A reconnecting client catches up through sync's changed messages.
    const synced = await call(bobSock, 'sync', { since: { [chatId]: 1 }, changedSince: since });
    expect(synced.ok && synced.data.changed.map((m: any) => m.linkPreview)).toEqual([preview]);

    // The same URL again comes from the cache: no new request.
    const again = nextEvent<any>(bobSock, 'message_edited');
    await sendAndSettle(api, server, ann, chatId, 'again https://public.test/page');
    expect((await again).linkPreview).toEqual(preview);
    expect(site.requests).toHaveLength(1);

    // Bob has not opted in: his links get no preview.
    const bobId = await sendAndSettle(api, server, bob, chatId, 'https://other.test/');
    await sleep(500);
    expect(await previewOf(server, bobId)).toBeNull();
    expect(site.requests).toHaveLength(1);
  });

  it('never connects to loopback, private, link-local or metadata addresses, by name, by IP or after a redirect', async ({
    api,
    server,
    openSocket,
  }) => {
    const { ann, bob, chatId } = await pair(api);
    await optIn(api, ann);
    const ids = [];
    for (const url of [
      'https://loopback.test/',
      'https://127.0.0.1/',
      'https://127.0.0.1:8443/',
      'https://10.0.0.1/',
      'https://ten.test/',
      'https://169.254.169.254/latest/meta-data/',
      'https://metadata.test/latest/meta-data/',
      'https://[::1]/',
      'https://v6.test/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://user:pw@public.test/page',
      'https://public.test:8443/page',
      'http://public.test/page',
    ])
      ids.push(await sendAndSettle(api, server, ann, chatId, `look ${url}`));
    // A fence: a good link sent last; once its preview is in, the others had their chance.
    const bobSock = await openSocket({ token: bob.token });
    const fence = nextEvent<any>(bobSock, 'message_edited');
    await sendAndSettle(api, server, ann, chatId, 'https://other.test/fence');
    expect((await fence).linkPreview.title).toBe('Other page');
    await sleep(300);
    expect(site.connections).toBe(1);
    expect(site.requests.map((r) => `${r.host}${r.path}`)).toEqual(['other.test/fence']);
    for (const id of ids) expect(await previewOf(server, id)).toBeNull();

    // Redirects: each hop is checked; one into a private address ends the fetch there.
    site.requests.length = 0;
    site.connections = 0;
    const hops = [];
    for (const path of ['/to-loopback-name', '/to-loopback-ip', '/to-ten', '/to-metadata', '/to-http'])
      hops.push(await sendAndSettle(api, server, ann, chatId, `https://hop.test${path}`));
    await waitFor(() => site.requests.length >= 5, 5000, 'the five first hops');
    await sleep(500);
    expect(site.requests.map((r) => r.host)).toEqual(Array(5).fill('hop.test'));
    expect(site.connections).toBe(5);
    for (const id of hops) expect(await previewOf(server, id)).toBeNull();
  });

  it('follows up to 3 redirects (each checked), not a 4th; stops at 1 MB and at 3 s; the send never waits', async ({
    api,
    server,
  }) => {
    const { ann, chatId } = await pair(api);
    await optIn(api, ann);
    const viaHop = await sendAndSettle(api, server, ann, chatId, 'https://hop.test/to-public');
    await waitFor(
      async () => (await previewOf(server, viaHop)) !== null,
      5000,
      'the preview through a redirect',
    );
    expect(await previewOf(server, viaHop)).toMatchObject({
      url: 'https://hop.test/to-public',
      siteName: 'Public',
    });

    const three = await sendAndSettle(api, server, ann, chatId, 'https://hop.test/n/3');
    await waitFor(
      async () => (await previewOf(server, three)) !== null,
      5000,
      'the preview after 3 redirects',
    );
    expect(await previewOf(server, three)).toMatchObject({ title: 'End of the chain' });

    site.requests.length = 0;
    const four = await sendAndSettle(api, server, ann, chatId, 'https://hop.test/n/4');
    await waitFor(() => site.requests.length >= 4, 5000, 'four requests');
    await sleep(500);
    // The first and 3 redirects followed; the 4th redirect's target is never asked for.
    expect(site.requests.map((r) => r.path)).toEqual(['/n/4', '/n/3', '/n/2', '/n/1']);
    expect(await previewOf(server, four)).toBeNull();

    const big = await sendAndSettle(api, server, ann, chatId, 'https://big.test/');
    const started = Date.now();
    const slow = await sendAndSettle(api, server, ann, chatId, 'https://slow.test/');
    expect(Date.now() - started).toBeLessThan(2000);
    await sleep(4000);
    expect(await previewOf(server, big)).toBeNull();
    expect(await previewOf(server, slow)).toBeNull();
  });
});
