// Media on the local disk, under DATA_DIR/media. Each file is written beside
// nothing it could be mistaken for (DATA_DIR/media/.tmp), flushed, then
// renamed into place, so a reader never sees half a file and a stop at any
// moment leaves either nothing or the whole file.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, constants, copyFile, mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { commitRename, syncPath } from '../../fs/atomic';
import { removeStaleEntries } from './stale-files';
import { assertKey, StorageMissing, type ByteRange, type MediaStorage, type StorageSource } from './types';

/** Temporary files older than this were left by a stopped process. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The directory is made with the first file, so a DATA_DIR that never stored media holds no trace of it. */
export async function openLocalStorage(root: string): Promise<MediaStorage> {
  const temp = path.join(root, '.tmp');
  await removeStaleEntries(temp, STALE_TEMP_MS);
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, key);
  };

  return {
    driver: 'local',

    async put(key: string, source: StorageSource): Promise<void> {
      const target = fileOf(key);
      const partial = path.join(temp, `${process.pid}-${randomBytes(8).toString('hex')}`);
      await mkdir(temp, { recursive: true, mode: 0o700 });
      try {
        if ('path' in source) await copyFile(source.path, partial, constants.COPYFILE_EXCL);
        else await pipeline(source.stream, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
        await syncPath(partial);
        await mkdir(path.dirname(target), { recursive: true });
        await commitRename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },

    async get(key: string, range?: ByteRange): Promise<Readable> {
      const handle = await open(fileOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new StorageMissing(key) : error;
      });
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },

    async stat(key: string): Promise<{ size: number } | null> {
      const info = await stat(fileOf(key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return info && { size: info.size };
    },

    async delete(key: string): Promise<void> {
      await rm(fileOf(key), { force: true });
    },

    async check(): Promise<void> {
      // Before the first file, the directory it will be made in.
      await access(temp, constants.W_OK).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await access(path.dirname(root), constants.W_OK);
      });
    },

    close(): void {},
  };
}
