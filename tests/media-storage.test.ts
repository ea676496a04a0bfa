// The storage drivers behind one interface, the local disk and S3 (against
// s3rver): whole files in, ranges out, missing keys told apart, deletes that
// do not mind a missing key, and keys the server did not make refused.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { newStorageKey } from '@/lib/media/keys';
import { openLocalStorage } from '@/lib/media/storage/local';
import { openS3Storage } from '@/lib/media/storage/s3';
import { StorageMissing, type MediaStorage } from '@/lib/media/storage/types';
import { afterAll, beforeAll, describe, expect, it } from './support/fixtures';
import { startLocalS3, type LocalS3 } from './support/media';

let s3: LocalS3;
let dir: string;
const drivers: Record<'local' | 's3', () => Promise<MediaStorage>> = {
  local: () => openLocalStorage(path.join(dir, 'media')),
  s3: async () =>
    openS3Storage({
      bucket: s3.env.S3_BUCKET!,
      endpoint: s3.env.S3_ENDPOINT,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      prefix: 'test/',
    }),
};

beforeAll(async () => {
  s3 = await startLocalS3();
  dir = await mkdtemp(path.join(tmpdir(), 'media-storage-'));
});
afterAll(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

describe.for(['local', 's3'] as const)('the %s storage driver', (driver) => {
  it('stores a file and a stream, and serves them whole or in a range', async () => {
    const storage = await drivers[driver]();
    try {
      await storage.check();
      const source = path.join(dir, `${driver}-source.txt`);
      await writeFile(source, 'hello, media storage');
      const fromFile = newStorageKey();
      await storage.put(fromFile, { path: source }, 'text/plain');
      expect(await storage.stat(fromFile)).toEqual({ size: 20 });
      expect(await text(await storage.get(fromFile))).toBe('hello, media storage');
      expect(await text(await storage.get(fromFile, { start: 7, end: 11 }))).toBe('media');

      const fromStream = newStorageKey();
      const bytes = Buffer.alloc(256 * 1024, 'x');
      await storage.put(
        fromStream,
        { stream: Readable.from([bytes]), size: bytes.length },
        'application/octet-stream',
      );
      expect(await storage.stat(fromStream)).toEqual({ size: bytes.length });

      await storage.delete(fromFile);
      expect(await storage.stat(fromFile)).toBeNull();
      await expect(storage.get(fromFile)).rejects.toBeInstanceOf(StorageMissing);
      // Deleting what is not there is not an error.
      await storage.delete(fromFile);
      await storage.delete(newStorageKey());
    } finally {
      storage.close();
    }
  });

  it('refuses keys the server did not make', async () => {
    const storage = await drivers[driver]();
    try {
      for (const key of ['../../etc/passwd', 'ab/../../x', '/abs', 'AB/CD', `${newStorageKey()}/x`, '']) {
        await expect(storage.put(key, { path: __filename }, 'text/plain'), key).rejects.toThrow(
          /not a media key/,
        );
        await expect(storage.get(key), key).rejects.toThrow(/not a media key/);
      }
    } finally {
      storage.close();
    }
  });
});

describe('the local driver', () => {
  it('writes beside nothing it could be mistaken for, and leaves no temporary file behind', async () => {
    const storage = await openLocalStorage(path.join(dir, 'media'));
    const key = newStorageKey();
    await storage.put(key, { stream: Readable.from([Buffer.from('x')]), size: 1 }, 'text/plain');
    expect(await readdir(path.join(dir, 'media', '.tmp'))).toEqual([]);
    // A stream that fails part-way stores nothing.
    const broken = new Readable({
      read() {
        this.destroy(new Error('cut off'));
      },
    });
    const failed = newStorageKey();
    await expect(storage.put(failed, { stream: broken, size: 10 }, 'text/plain')).rejects.toThrow('cut off');
    expect(await storage.stat(failed)).toBeNull();
    expect(await readdir(path.join(dir, 'media', '.tmp'))).toEqual([]);
  });
});
