// The one small interface media bytes go through, whatever holds them: the
// local disk (DATA_DIR/media) or an S3-compatible bucket. One driver per
// process, chosen at start (lib/media/storage/index.ts).
import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What to store: a finished file, or a stream of known length (S3 needs the length up front). */
export type StorageSource = { path: string } | { stream: Readable; size: number };

export interface MediaStorage {
  readonly driver: 'local' | 's3';
  /** Stores the bytes under `key` whole or not at all; a key is written once. */
  put(key: string, source: StorageSource, contentType: string): Promise<void>;
  /** The bytes under `key` (only `range` of them when given); rejects with StorageMissing when absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The size of what `key` holds, or null when nothing is there. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes `key`; nothing there is not an error. */
  delete(key: string): Promise<void>;
  /** Throws unless the storage answers (for /api/health). */
  check(): Promise<void>;
  /** Lets go of connections, at shutdown. */
  close(): void;
}

/** Nothing is stored under the key. */
export class StorageMissing extends Error {
  constructor(key: string) {
    super(`nothing is stored under ${key}`);
    this.name = 'StorageMissing';
  }
}

/**
 * Keys are made by the server (lib/media/keys.ts), never from user input;
 * drivers refuse anything else, so a bug cannot turn a key into a path.
 */
export function assertKey(key: string): void {
  if (!/^[0-9a-f]{2}\/[0-9a-f]{32}$/.test(key)) throw new Error(`not a media key: ${key}`);
}
