// What is stored is what it claims to be: photos come out without EXIF or
// GPS (and say so), images that do not decode and decompression bombs are
// refused with nothing stored, and a Chromium-style WebM/Opus voice note is
// stored as AAC in MP4, which every browser plays, with its real length and
// a waveform. Audio that is really a video or text is refused.
import path from 'node:path';
import sharp from 'sharp';
import type { TestUser } from './support/api';
import { createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import {
  filesUnder,
  getMedia,
  jpegWithGps,
  pngBomb,
  pngThenHtml,
  probe,
  tone,
  upload,
} from './support/media';
import { DATABASE_AGNOSTIC_PASS, TEST_DB } from './support/server';

let ann: TestUser;
let groupId: string;

beforeAll(async ({ api }) => {
  ann = await api.register('Ann');
  groupId = await createGroup(api, ann, [], 'Media');
});

/** Stored files (the local driver's, temporary ones aside). */
async function stored(dataDir: string): Promise<string[]> {
  return (await filesUnder(path.join(dataDir, 'media'))).filter((f) => !f.includes(`${path.sep}.tmp`));
}

describe.runIf(DATABASE_AGNOSTIC_PASS)(`media processing on ${TEST_DB}`, () => {
  it('serves a photo without its EXIF and GPS, oriented, with a thumbnail, and says the location was removed', async ({
    api,
  }) => {
    const jpeg = await jpegWithGps();
    expect(jpeg.includes('TestCam')).toBe(true);
    const res = await upload(api, { token: ann.token, chatId: groupId, file: jpeg, name: 'beach.jpg' });
    expect(res.status).toBe(201);
    const dto = res.body.upload;
    expect(dto).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      name: 'beach.jpg',
      width: 64,
      height: 48,
      thumbhash: expect.any(String),
      locationRemoved: true,
      thumbnailUrl: `/api/v1/media/${dto.id}?variant=thumbnail`,
    });
    const original = await getMedia(api, dto.url, { token: ann.token });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(original.bytes.length).toBe(dto.size);
    const meta = await sharp(original.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(original.bytes.includes('TestCam')).toBe(false);
    expect(original.bytes.includes('GPS')).toBe(false);
    const thumbnail = await getMedia(api, dto.thumbnailUrl, { token: ann.token });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumbnail.bytes).metadata()).format).toBe('webp');
  });

  it('refuses a PNG header followed by HTML, and a decompression bomb, storing nothing', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const rows = await prisma.upload.count();
    const files = await stored(server.env.DATA_DIR!);
    const disguised = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: await pngThenHtml(),
      name: 'x.png',
    });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.message).toMatch(/could not be read/);
    const bomb = await upload(api, { token: ann.token, chatId: groupId, file: pngBomb(), name: 'bomb.png' });
    expect(bomb.status).toBe(400);
    expect(bomb.body.error.message).toMatch(/too large to show/);
    expect(await prisma.upload.count()).toBe(rows);
    expect(await stored(server.env.DATA_DIR!)).toEqual(files);
  });

  it('stores a WebM/Opus voice note as AAC in MP4, with its length and a waveform', async ({ api }) => {
    const webm = await tone({ seconds: 2, format: 'webm' });
    const res = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: webm,
      name: 'voice.webm',
      kind: 'voice',
    });
    expect(res.status).toBe(201);
    const dto = res.body.upload;
    expect(dto).toMatchObject({
      kind: 'voice',
      mime: 'audio/mp4',
      name: 'voice.m4a',
      locationRemoved: false,
    });
    expect(Math.abs(dto.durationMs - 2000)).toBeLessThan(150);
    expect(dto.waveform).toHaveLength(64);
    for (const bar of dto.waveform)
      expect(bar).toSatisfy((n: number) => Number.isInteger(n) && n >= 0 && n <= 255);
    expect(dto.thumbnailUrl).toBeUndefined();
    const served = await getMedia(api, dto.url, { token: ann.token });
    expect(served.headers.get('content-type')).toBe('audio/mp4');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; /);
    const report = await probe(served.bytes);
    expect(report).toMatch(/Input #0, mov,mp4,m4a/);
    expect(report).toMatch(/Audio: aac/);
    expect(report).not.toMatch(/Video:/);
    // A media element seeks with ranges.
    const part = await getMedia(api, dto.url, { token: ann.token, headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
  });

  it('refuses as a voice note a video, a text file and a photo, storing nothing', async ({ api, server }) => {
    const prisma = server.database.prisma;
    const rows = await prisma.upload.count();
    const video = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: await tone({ seconds: 1, format: 'mp4-video' }),
      kind: 'voice',
    });
    expect(video.status).toBe(415);
    expect(video.body.error.message).toMatch(/video/);
    const text = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: Buffer.from('hello, not audio'),
      kind: 'voice',
    });
    expect(text.status).toBe(415);
    const photo = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: await jpegWithGps(),
      kind: 'voice',
    });
    expect(photo.status).toBeGreaterThanOrEqual(400);
    expect(photo.status).toBeLessThan(500);
    expect(await prisma.upload.count()).toBe(rows);
  });
});
