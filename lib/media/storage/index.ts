// The process's one media storage: chosen at start from the configuration
// (S3 when S3_BUCKET is set, else DATA_DIR/media) and kept in the process's
// shared state, so the server's own handlers and Next's route bundles use
// the same one.
import path from 'node:path';
import type { Env } from '../../env';
import { processSlot } from '../../process-state';
import { openLocalStorage } from './local';
import type { MediaStorage } from './types';

const slot = processSlot<MediaStorage>('mediaStorage');

export async function openMediaStorage(env: Env): Promise<MediaStorage> {
  if (!env.S3_BUCKET) return openLocalStorage(path.resolve(env.DATA_DIR, 'media'));
  // The AWS SDK takes a second or so to load: only a deployment that uses it pays for it.
  const { openS3Storage } = await import('./s3');
  return openS3Storage({
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: env.S3_PREFIX,
  });
}

export function setMediaStorage(storage: MediaStorage | undefined): void {
  slot.set(storage);
}

export function mediaStorage(): MediaStorage {
  const storage = slot.get();
  if (!storage) throw new Error('Media storage is not open: start the app through server.ts');
  return storage;
}
