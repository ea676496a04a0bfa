// The upload limits: a body larger than UPLOAD_MAX_BYTES is refused with 413
// before it is read when its Content-Length says so, and as soon as it
// passes the limit when it comes chunked; each person's daily allowance is a
// 429 with when to try again. Nothing is kept and the server stays up.
import path from 'node:path';
import type { TestUser } from './support/api';
import { createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { filesUnder, multipartParts, rawUpload, upload } from './support/media';
import { TEST_DB } from './support/server';

const MAX = 100_000;
it.override('serverEnv', {
  UPLOAD_MAX_BYTES: String(MAX),
  UPLOAD_DAILY_BYTES: '250000',
  UPLOAD_DAILY_FILES: '4',
});

let ann: TestUser;
let groupId: string;

beforeAll(async ({ api }) => {
  ann = await api.register('Ann');
  groupId = await createGroup(api, ann, [], 'Limits');
});

async function nothingKept(server: { env: Record<string, string>; database: { prisma: any } }, rows: number) {
  expect(await server.database.prisma.upload.count()).toBe(rows);
  expect(await filesUnder(path.join(server.env.DATA_DIR!, 'media-incoming'))).toEqual([]);
}

describe(`upload limits on ${TEST_DB}`, () => {
  it('refuses a Content-Length over the limit with 413 before reading the body', async ({ api, server }) => {
    const rows = await server.database.prisma.upload.count();
    const { contentType, head } = multipartParts({ chatId: groupId });
    const total = 50 * 1024 * 1024;
    const answer = await rawUpload(server.url, {
      token: ann.token,
      contentType,
      contentLength: head.length + total,
      head,
      chunk: Buffer.alloc(64 * 1024),
      total,
      // Nothing of the file is sent: the answer cannot have waited for it.
      pauseAfter: 0,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'A file can be at most 97.7 KB.',
    });
    expect(answer.sent).toBe(0);
    // Asked first with Expect: 100-continue, the body is never sent at all.
    const asked = await rawUpload(server.url, {
      token: ann.token,
      contentType,
      contentLength: head.length + total,
      head,
      chunk: Buffer.alloc(64 * 1024),
      total,
      expectContinue: true,
    });
    expect(asked.status).toBe(413);
    expect(asked.sent).toBe(0);
    await nothingKept(server, rows);
    expect((await api.get('/api/health')).status).toBe(200);
  });

  it('stops reading a chunked body as soon as it passes the limit (413), and removes what it had written', async ({
    api,
    server,
  }) => {
    const rows = await server.database.prisma.upload.count();
    const { contentType, head, tail } = multipartParts({ chatId: groupId });
    const total = 1024 * 1024 * 1024;
    const answer = await rawUpload(server.url, {
      token: ann.token,
      contentType,
      head,
      chunk: Buffer.alloc(16 * 1024, 7),
      total,
      tail,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.sent).toBeLessThan(total);
    await nothingKept(server, rows);
    // Just under the limit is fine.
    const fits = await upload(api, { token: ann.token, chatId: groupId, file: Buffer.alloc(MAX, 1) });
    expect(fits.status).toBe(201);
    const over = await upload(api, { token: ann.token, chatId: groupId, file: Buffer.alloc(MAX + 1, 1) });
    expect(over.status).toBe(413);
  });

  it('answers 429 with when to try again past the daily allowance, in bytes and in files', async ({
    api,
    server,
  }) => {
    const [bytesUser, filesUser] = await Promise.all([api.register('Bytes'), api.register('Files')]);
    const chat = await createGroup(api, bytesUser, [filesUser], 'Quota');
    for (let i = 0; i < 2; i++) {
      const ok = await upload(api, { token: bytesUser.token, chatId: chat, file: Buffer.alloc(90_000, i) });
      expect(ok.status).toBe(201);
    }
    const rows = await server.database.prisma.upload.count();
    const third = await upload(api, { token: bytesUser.token, chatId: chat, file: Buffer.alloc(90_000, 3) });
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/244.1 KB in 24 hours/),
    });
    expect(third.body.error.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(third.headers.get('retry-after')).toBe(String(third.body.error.retryAfterSeconds));
    // A smaller one still fits.
    expect(
      (await upload(api, { token: bytesUser.token, chatId: chat, file: Buffer.alloc(1000, 4) })).status,
    ).toBe(201);

    for (let i = 0; i < 4; i++) {
      expect(
        (await upload(api, { token: filesUser.token, chatId: chat, file: Buffer.from(`f${i}`) })).status,
      ).toBe(201);
    }
    const fifth = await upload(api, { token: filesUser.token, chatId: chat, file: Buffer.from('f5') });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toMatch(/4 files in 24 hours/);
    await nothingKept(server, rows + 5);
  });
});
