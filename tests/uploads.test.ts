// POST /api/v1/uploads and GET /api/v1/media/{id} on the local disk driver:
// what is uploaded comes back byte for byte to those who may see it, in
// ranges, with headers that keep it from acting as a page of the site;
// everyone else gets the 404 of an id that names nothing; bad input is a
// clear 4xx with nothing stored and the server still up.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TestUser } from './support/api';
import { signInWithCookie } from './support/browser-session';
import { createDirect, createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import {
  cutOffUpload,
  eventually,
  filesUnder,
  getMedia,
  multipartParts,
  rawUpload,
  upload,
  UPLOADS,
} from './support/media';
import { TEST_DB } from './support/server';

let ann: TestUser;
let bob: TestUser;
let eve: TestUser;
let directId: string;
let groupId: string;

beforeAll(async ({ api }) => {
  [ann, bob, eve] = await Promise.all([api.register('Ann'), api.register('Bob'), api.register('Eve')]);
  directId = await createDirect(api, ann, bob);
  groupId = await createGroup(api, ann, [bob], 'Uploads');
});

const NOT_FOUND = { code: 'NOT_FOUND', message: 'This file does not exist or you may not see it.' };

describe(`uploads on ${TEST_DB}, local disk`, () => {
  it('stores a file and serves the same bytes to the uploader, then to the chat once a message holds it', async ({
    api,
    server,
  }) => {
    const bytes = Buffer.concat([Buffer.from('notes, then noise: '), randomBytes(3000)]);
    const res = await upload(api, { token: ann.token, chatId: directId, file: bytes, name: 'notes.txt' });
    expect(res.status).toBe(201);
    const { upload: dto } = res.body;
    expect(dto).toEqual({
      id: expect.any(String),
      kind: 'file',
      mime: 'application/octet-stream',
      size: bytes.length,
      name: 'notes.txt',
      url: `/api/v1/media/${dto.id}`,
      locationRemoved: false,
    });
    const mine = await getMedia(api, dto.url, { token: ann.token });
    expect(mine.status).toBe(200);
    expect(mine.bytes.equals(bytes)).toBe(true);
    // Until a message takes it, only its uploader may read it.
    expect((await getMedia(api, dto.url, { token: bob.token })).status).toBe(404);
    const message = await api.post(
      `/api/v1/chat/sessions/${directId}/messages`,
      { content: 'see file' },
      ann.token,
    );
    await server.database.prisma.upload.update({
      where: { id: dto.id },
      data: { messageId: message.body.message.id },
    });
    const bobs = await getMedia(api, dto.url, { token: bob.token });
    expect(bobs.status).toBe(200);
    expect(bobs.bytes.equals(bytes)).toBe(true);

    const dataDir = server.env.DATA_DIR!;
    const stored = (await filesUnder(path.join(dataDir, 'media'))).filter((f) => !f.includes('.tmp'));
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(await filesUnder(path.join(dataDir, 'media-incoming'))).toEqual([]);
  });

  it('answers a byte range with 206 and Content-Range, and one past the end with 416', async ({ api }) => {
    const bytes = randomBytes(1000);
    const { body } = await upload(api, { token: ann.token, chatId: groupId, file: bytes });
    const url = body.upload.url;
    const part = await getMedia(api, url, { token: ann.token, headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('content-length')).toBe('100');
    expect(part.bytes.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await getMedia(api, url, { token: ann.token, headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(bytes.subarray(990))).toBe(true);
    const past = await getMedia(api, url, { token: ann.token, headers: { range: 'bytes=1000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
    expect(JSON.parse(past.bytes.toString()).error.code).toBe('RANGE_NOT_SATISFIABLE');
    // Several ranges, or a malformed one: the whole file.
    const whole = await getMedia(api, url, { token: ann.token, headers: { range: 'bytes=0-1,5-6' } });
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(bytes)).toBe(true);
  });

  it('refuses outsiders and unknown ids with the same 404, on upload and on read', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const before = await prisma.upload.count();
    const outsider = await upload(api, { token: eve.token, chatId: directId, file: Buffer.from('x') });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('NOT_FOUND');
    const unknownChat = await upload(api, { token: eve.token, chatId: randomUUID(), file: Buffer.from('x') });
    expect(unknownChat.body).toEqual(outsider.body);
    // The chat named after the file: refused before anything is stored all the same.
    const late = await upload(api, {
      token: eve.token,
      chatId: directId,
      file: Buffer.from('x'),
      fieldsAfterFile: true,
    });
    expect(late.body).toEqual(outsider.body);
    expect(await prisma.upload.count()).toBe(before);

    const { body } = await upload(api, { token: ann.token, chatId: directId, file: Buffer.from('private') });
    const answers = await Promise.all([
      getMedia(api, body.upload.url, { token: eve.token }),
      getMedia(api, `/api/v1/media/${randomUUID()}`, { token: eve.token }),
      getMedia(api, '/api/v1/media/not-an-id', { token: eve.token }),
      getMedia(api, `${body.upload.url}?variant=thumbnail`, { token: ann.token }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.bytes.toString())).toEqual({ error: NOT_FOUND });
    }
    expect((await getMedia(api, body.upload.url)).status).toBe(401);
    const variant = await getMedia(api, `${body.upload.url}?variant=large`, { token: ann.token });
    expect(variant.status).toBe(400);
  });

  it('stops serving an upload once it is deleted or purged (a tombstone)', async ({ api, server }) => {
    const prisma = server.database.prisma;
    for (const field of ['deletedAt', 'purgedAt'] as const) {
      const { body } = await upload(api, {
        token: ann.token,
        chatId: groupId,
        file: Buffer.from(`gone ${field}`),
      });
      expect((await getMedia(api, body.upload.url, { token: ann.token })).status).toBe(200);
      await prisma.upload.update({ where: { id: body.upload.id }, data: { [field]: new Date() } });
      const answer = await getMedia(api, body.upload.url, { token: ann.token });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.bytes.toString())).toEqual({ error: NOT_FOUND });
    }
  });

  it('serves files with headers that keep them from acting as a page of the site', async ({ api }) => {
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const page = (await upload(api, { token: ann.token, chatId: groupId, file: html, name: 'page.html' }))
      .body.upload;
    expect(page).toMatchObject({ kind: 'file', mime: 'application/octet-stream', name: 'page.html' });
    const got = await getMedia(api, page.url, { token: ann.token });
    expect(got.status).toBe(200);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="page.html"; filename*=UTF-8''page.html`,
    );
    expect(got.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(got.headers.get('accept-ranges')).toBe('bytes');
    const etag = got.headers.get('etag');
    expect(etag).toBeTruthy();

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const name = 'résumé "final" 📄.pdf';
    const doc = (await upload(api, { token: ann.token, chatId: groupId, file: pdf, name })).body.upload;
    expect(doc).toMatchObject({ kind: 'file', mime: 'application/pdf', name });
    const shown = await getMedia(api, doc.url, { token: ann.token });
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    expect(shown.headers.get('content-disposition')).toBe(
      `inline; filename="r_sum_ _final_ __.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%20%F0%9F%93%84.pdf`,
    );
    expect(shown.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");

    const head = await getMedia(api, page.url, { token: ann.token, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(html.length));
    expect(head.bytes.length).toBe(0);
    const again = await getMedia(api, page.url, { token: ann.token, headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('refuses a body that is not a multipart upload (415), and a missing or empty file (400), storing nothing', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const before = await prisma.upload.count();
    const json = await api.post(UPLOADS, { chatId: groupId, file: 'aGVsbG8=' }, ann.token);
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const cases: Array<[Parameters<typeof upload>[1], number, RegExp]> = [
      [{ chatId: groupId }, 400, /^file: /],
      [{ chatId: groupId, file: Buffer.alloc(0) }, 400, /empty/],
      [{ file: Buffer.from('x') }, 400, /^chatId: /],
      [{ chatId: 'general', file: Buffer.from('x') }, 400, /^chatId: /],
      [{ chatId: groupId, kind: 'image', file: Buffer.from('x') }, 400, /^kind: /],
      [{ chatId: groupId, purpose: 'banner', file: Buffer.from('x') }, 400, /^purpose: /],
      [{ chatId: `${groupId}\u0000`, file: Buffer.from('x') }, 400, /^chatId: /],
    ];
    for (const [input, status, message] of cases) {
      const res = await upload(api, { token: ann.token, ...input });
      expect(res.status, JSON.stringify(input)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    // Two files in one upload.
    const form = new FormData();
    form.append('chatId', groupId);
    form.append('file', new Blob(['a']), 'a.txt');
    form.append('file', new Blob(['b']), 'b.txt');
    const two = await fetch(server.url + UPLOADS, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${ann.token}` },
    });
    expect(two.status).toBe(400);
    expect(await prisma.upload.count()).toBe(before);
    expect(await filesUnder(path.join(server.env.DATA_DIR!, 'media-incoming'))).toEqual([]);
  });

  it('reads no byte of the file when the chat named before it is not one the sender is in', async ({
    server,
  }) => {
    const { contentType, head } = multipartParts({ chatId: directId });
    const total = 20 * 1024 * 1024;
    const answer = await rawUpload(server.url, {
      token: eve.token,
      contentType,
      contentLength: head.length + total,
      head,
      chunk: Buffer.alloc(64 * 1024),
      total,
      // The rest never comes: only an answer that does not wait for the file can arrive.
      pauseAfter: 256 * 1024,
    });
    expect(answer.status).toBe(404);
  });

  it('refuses a cookie-authenticated upload from another site', async ({ api, server }) => {
    const cookie = await signInWithCookie(server.url, ann.email, ann.password);
    const send = (origin: string) =>
      upload(api, { chatId: groupId, file: Buffer.from('from a page'), headers: { cookie, origin } });
    const foreign = await send('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    const own = await send(server.url);
    expect(own.status).toBe(201);
  });

  it('leaves nothing behind when the client is cut off mid-body, and keeps answering', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const before = await prisma.upload.count();
    const { contentType, head } = multipartParts({ chatId: groupId });
    const incoming = path.join(server.env.DATA_DIR!, 'media-incoming');
    await cutOffUpload(server.url, {
      token: ann.token,
      contentType,
      contentLength: head.length + 1024 * 1024,
      bytes: Buffer.concat([head, randomBytes(200 * 1024)]),
      // The partial file is there before the cut…
      beforeCut: () =>
        eventually(async () => (await filesUnder(incoming)).length === 1, 'the upload to begin'),
    });
    // …and gone after it.
    await eventually(
      async () => (await filesUnder(incoming)).length === 0,
      'the partial upload to be removed',
    );
    expect(await prisma.upload.count()).toBe(before);
    expect((await api.get('/api/health')).status).toBe(200);
    const ok = await upload(api, { token: ann.token, chatId: groupId, file: Buffer.from('still here') });
    expect(ok.status).toBe(201);
  });
});
