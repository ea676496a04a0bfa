// The backup file: a gzip'd tar whose members are the database dump, the
// media files under media/<key>, and manifest.json last, which names every
// other member with its size and sha256. Written to a temporary sibling and
// renamed, so FILE is whole or absent; read into a staging directory and
// checked member by member, so nothing is restored from a file that does not
// match its manifest.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { syncPath, tempSibling } from '../fs/atomic';

export const FORMAT = 'chat-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
/** The database member's name, by back end. */
export const DATABASE_MEMBER = { pglite: 'database/pglite.tar', postgres: 'database/postgres.dump' } as const;

export type Backend = keyof typeof DATABASE_MEMBER;

export interface Member {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  createdAt: string;
  backend: Backend;
  /** The last schema migration applied to the database backed up. */
  migration: string;
  /** `s3`: the media stayed in the bucket (its own versioning is the backup), none is in the file. */
  media: 'local' | 's3';
  members: Member[];
}

/** Refuses a file: corrupt, foreign, or not for this deployment. Nothing was changed when it is thrown. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** A member's name is one of ours: no absolute paths, no "..", nothing a tar could place elsewhere. */
export function isMemberName(name: string): boolean {
  return (
    Object.values(DATABASE_MEMBER).includes(name as never) || /^media\/[0-9a-f]{2}\/[0-9a-f]{32}$/.test(name)
  );
}

export interface ArchiveWriter {
  add(name: string, file: string): Promise<void>;
  /** Writes the manifest (members filled in) and puts FILE in place. */
  finish(manifest: Omit<Manifest, 'members'>): Promise<void>;
  abort(): Promise<void>;
}

export function writeArchive(file: string): ArchiveWriter {
  const temp = tempSibling(file);
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
  written.catch(() => undefined); // Awaited in finish() or abort().
  const members: Member[] = [];
  return {
    async add(name, source) {
      const { size } = await stat(source);
      const hash = createHash('sha256');
      const entry = pack.entry({ name, size, mode: 0o600 });
      await pipeline(createReadStream(source), hashing(hash), entry);
      members.push({ name, size, sha256: hash.digest('hex') });
    },
    async finish(manifest) {
      const body = JSON.stringify({ ...manifest, members } satisfies Manifest, null, 2);
      pack.entry({ name: MANIFEST, mode: 0o600 }, body);
      pack.finalize();
      await written;
      await syncPath(temp);
      await rename(temp, file);
      await syncPath(path.dirname(file));
    },
    async abort() {
      pack.destroy();
      await written.catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/**
 * Unpacks FILE into `dir` (made here), checking every member against the
 * manifest; returns the manifest. Throws BackupRefused for anything that is
 * not a whole backup in this format.
 */
export async function readArchive(file: string, dir: string): Promise<Manifest> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const extract = tar.extract();
  const input = createReadStream(file);
  const unpacking = pipeline(input, createGunzip(), extract).catch((error: unknown) => {
    extract.destroy(error as Error);
  });
  const seen = new Map<string, Member>();
  let manifest: unknown;
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (manifest !== undefined) throw new BackupRefused(`a member (${name}) follows ${MANIFEST}`);
      if (type !== 'file') throw new BackupRefused(`${name} is not a plain file`);
      if (name === MANIFEST) {
        manifest = parseManifest(await text(entry, 1 << 20));
        continue;
      }
      if (!isMemberName(name)) throw new BackupRefused(`unexpected member ${JSON.stringify(name)}`);
      if (seen.has(name)) throw new BackupRefused(`${name} appears twice`);
      const target = path.join(dir, name);
      await mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      await pipeline(entry, hashing(hash), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      seen.set(name, { name, size: entry.header.size ?? 0, sha256: hash.digest('hex') });
    }
    await unpacking;
  } catch (error) {
    input.destroy();
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`it is not a readable backup (${(error as Error).message})`, { cause: error });
  }
  if (manifest === undefined)
    throw new BackupRefused(`it has no ${MANIFEST}: the file is cut short or not a backup`);
  const checked = manifest as Manifest;
  const listed = new Map(checked.members.map((m) => [m.name, m]));
  for (const [name, member] of seen) {
    const expected = listed.get(name);
    if (!expected) throw new BackupRefused(`${name} is not in the manifest`);
    if (expected.sha256 !== member.sha256 || expected.size !== member.size)
      throw new BackupRefused(`${name} does not match its checksum: the file is corrupt`);
  }
  for (const name of listed.keys()) if (!seen.has(name)) throw new BackupRefused(`${name} is missing`);
  if (!seen.has(DATABASE_MEMBER[checked.backend])) throw new BackupRefused('it holds no database');
  return checked;
}

function parseManifest(body: string): Manifest {
  let value: Partial<Manifest>;
  try {
    value = JSON.parse(body) as Partial<Manifest>;
  } catch {
    throw new BackupRefused(`${MANIFEST} is not JSON`);
  }
  if (value.format !== FORMAT) throw new BackupRefused('it is not a chat backup');
  if (value.version !== FORMAT_VERSION)
    throw new BackupRefused(
      `it is in backup format ${String(value.version)}; this version reads ${FORMAT_VERSION}`,
    );
  const valid =
    (value.backend === 'pglite' || value.backend === 'postgres') &&
    typeof value.migration === 'string' &&
    (value.media === 'local' || value.media === 's3') &&
    Array.isArray(value.members) &&
    value.members.every(
      (m) =>
        typeof m === 'object' &&
        m !== null &&
        typeof m.name === 'string' &&
        isMemberName(m.name) &&
        Number.isSafeInteger(m.size) &&
        typeof m.sha256 === 'string',
    );
  if (!valid) throw new BackupRefused(`${MANIFEST} is malformed`);
  return value as Manifest;
}

function hashing(hash: ReturnType<typeof createHash>) {
  return async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  };
}

async function text(stream: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new BackupRefused(`${MANIFEST} is too large`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
