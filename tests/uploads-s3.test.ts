// Uploads and media on the S3 driver (s3rver on a random port): the same
// bytes come back, in ranges, nothing lands on the local disk, the health
// check sees the bucket, and the purge removes objects from it.
import path from 'node:path';
import { mediaStorage } from '@/lib/media/storage';
import { purgeMedia } from '@/lib/media/purge-media';
import { registerAll, type TestUser } from './support/api';
import { createGroup, waitFor } from './support/chat';
import { afterAll, beforeAll, describe, expect, it } from './support/fixtures';
import { attachToMessage, filesUnder, getMedia, jpegWithGps, startLocalS3, upload } from './support/media';
import { TEST_DB } from './support/server';
import { unzip, verifiedManifest } from './support/zip';

const s3 = await startLocalS3();
it.override('serverEnv', s3.env);
afterAll(() => s3.close());

let ann: TestUser;
let bob: TestUser;
let eve: TestUser;
let groupId: string;

beforeAll(async ({ api }) => {
  [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
  groupId = await createGroup(api, ann, [bob], 'S3');
});

describe(`uploads on ${TEST_DB}, S3`, () => {
  it('stores in the bucket and serves the same bytes, whole and in ranges, to members only', async ({
    api,
    server,
  }) => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const { status, body } = await upload(api, {
      token: ann.token,
      chatId: groupId,
      file: bytes,
      name: 'data.bin',
    });
    expect(status).toBe(201);
    await attachToMessage(api, server.database.prisma, {
      token: ann.token,
      chatId: groupId,
      upload: body.upload,
    });
    const whole = await getMedia(api, body.upload.url, { token: bob.token });
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(bytes)).toBe(true);
    const part = await getMedia(api, body.upload.url, {
      token: bob.token,
      headers: { range: 'bytes=4000-' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 4000-4999/5000');
    expect(part.bytes.equals(bytes.subarray(4000))).toBe(true);
    expect((await getMedia(api, body.upload.url, { token: eve.token })).status).toBe(404);

    const photo = await upload(api, { token: ann.token, chatId: groupId, file: await jpegWithGps() });
    expect(photo.body.upload.locationRemoved).toBe(true);
    const thumbnail = await getMedia(api, photo.body.upload.thumbnailUrl, { token: ann.token });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    // In the bucket, under the prefix; nothing in DATA_DIR/media.
    expect(mediaStorage().driver).toBe('s3');
    const objects = (await filesUnder(s3.directory)).filter((f) => f.includes(`${path.sep}chat${path.sep}`));
    expect(objects.length).toBeGreaterThanOrEqual(3);
    const local = (await filesUnder(path.join(server.env.DATA_DIR!, 'media'))).filter(
      (f) => !f.includes('.tmp'),
    );
    expect(local).toEqual([]);
    const health = await api.get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', storage: 'up' });
  });

  it('stores an export in the bucket and streams it back whole, media included', async ({ api, server }) => {
    const bytes = Buffer.from('exported through S3\n');
    const up = (await upload(api, { token: bob.token, chatId: groupId, file: bytes, name: 'x.txt' })).body
      .upload;
    await attachToMessage(api, server.database.prisma, { token: bob.token, chatId: groupId, upload: up });
    const id = (await api.post('/api/v1/exports', { scope: 'chat', chatId: groupId }, bob.token)).body.export
      .id;
    await waitFor(
      async () => (await api.get(`/api/v1/exports/${id}`, bob.token)).body.export?.status === 'ready',
      30_000,
      'the export',
    );
    const job = await server.database.prisma.exportJob.findUniqueOrThrow({ where: { id } });
    expect(await mediaStorage().stat(job.storageKey!)).toEqual({ size: Number(job.size) });
    const res = await fetch(`${server.url}/api/v1/exports/${id}/download`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(res.status).toBe(200);
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    expect(verifiedManifest(files).counts.mediaFiles).toBeGreaterThanOrEqual(1);
    expect(files.get(`media/${up.id}.txt`)).toEqual(bytes);
  });

  it('purges objects from the bucket', async ({ api, server }) => {
    const prisma = server.database.prisma;
    const deleted = (await upload(api, { token: ann.token, chatId: groupId, file: await jpegWithGps() })).body
      .upload;
    await attachToMessage(api, prisma, { token: ann.token, chatId: groupId, upload: deleted });
    await prisma.upload.update({
      where: { id: deleted.id },
      data: { deletedAt: new Date(Date.now() - 100 * 86_400_000) },
    });
    const stale = (await upload(api, { token: ann.token, chatId: groupId, file: Buffer.from('stale') })).body
      .upload;
    await prisma.upload.update({
      where: { id: stale.id },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const keys = await prisma.upload.findMany({
      where: { id: { in: [deleted.id, stale.id] } },
      select: { storageKey: true, thumbnailKey: true },
    });
    const all = keys.flatMap((k) => [k.storageKey, k.thumbnailKey].filter((x): x is string => x !== null));
    expect(all).toHaveLength(3);
    for (const key of all) expect(await mediaStorage().stat(key)).not.toBeNull();
    const result = await purgeMedia();
    expect(result).toMatchObject({ purged: 2, removed: 1, failed: 0 });
    for (const key of all) expect(await mediaStorage().stat(key)).toBeNull();
  });
});
