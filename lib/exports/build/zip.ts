// The export's zip, written as a stream into a file: yazl takes one entry
// at a time and reads it only as fast as the file takes the output, so
// memory stays flat whatever the export's size. Every entry is hashed on
// the way through for the manifest, and the whole zip for the job's row.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  path: string;
  size: number;
  sha256: string;
}

/** Already compressed: storing them again deflated wastes time for nothing. */
const STORED = /^(image|audio|video)\/|zip|gzip|compressed/;

export class ExportZip {
  readonly entries: ZipEntry[] = [];
  private readonly zip = new ZipFile();
  private readonly whole = createHash('sha256');
  private size = 0;
  private readonly written: Promise<void>;

  constructor(filePath: string) {
    const count = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.whole.update(chunk);
        this.size += chunk.length;
        done(null, chunk);
      },
    });
    this.written = pipeline(
      this.zip.outputStream,
      count,
      createWriteStream(filePath, { flags: 'wx', mode: 0o600 }),
    );
    // Seen by `finish` or `abort`; never an unhandled rejection meanwhile.
    this.written.catch(() => undefined);
  }

  /** Adds one entry from `source` (a stream, or text and bytes as they are made); resolves once it is in. */
  async add(
    path: string,
    source: Readable | Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
    mime = 'text/plain',
  ): Promise<void> {
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        size += bytes.length;
        done(null, bytes);
      },
    });
    this.zip.addReadStream(tap, path, { compress: !STORED.test(mime), mtime: new Date() });
    const input = source instanceof Readable ? source : Readable.from(source);
    await Promise.race([pipeline(input, tap), this.written]);
    this.entries.push({ path, size, sha256: hex(hash) });
  }

  /** Ends the zip with `last` (the manifest, which lists every entry before it). */
  async finish(lastPath: string, last: Buffer): Promise<{ size: number; sha256: string }> {
    this.zip.addBuffer(last, lastPath, { mtime: new Date() });
    this.zip.end();
    await this.written;
    return { size: this.size, sha256: hex(this.whole) };
  }

  abort(): void {
    (this.zip.outputStream as Readable).destroy();
  }
}

function hex(hash: Hash): string {
  return hash.digest('hex');
}
