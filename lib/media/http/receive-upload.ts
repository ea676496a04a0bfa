// Reads a multipart/form-data upload as it arrives: the text fields into
// memory (a few, small), the `file` part straight into a temporary file, so
// no upload is ever held whole in memory. Stops reading the moment the body
// passes its limit, and calls `beforeFile` with the fields that came before
// the file, so an upload to a chat the sender is not in is refused before
// its bytes are read.
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../../errors';
import { formatBytes } from '../upload-quota';
import { parseInput } from '../../http/respond';
import { uploadFieldsSchema, type UploadFields } from '../../validations/uploads';
import { ClientGone, type ReceivedFile } from '../create-upload';
import { cleanFileName } from '../file-name';

/** What a multipart body may hold besides the file: boundaries, part headers and the text fields. */
export const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;
const FIELD_NAMES = new Set(['chatId', 'kind', 'purpose']);

export interface ReceivedForm {
  fields: UploadFields;
  file: ReceivedFile | undefined;
}

export interface ReceiveOptions {
  /** Where the file is written; the caller removes it. */
  dir: string;
  maxFileBytes: number;
  /** Runs before the first byte of the file is read; throw to refuse the upload. */
  beforeFile(fields: UploadFields): Promise<void>;
}

export function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedForm> {
  const { dir, maxFileBytes, beforeFile } = options;
  return new Promise<ReceivedForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          // busboy reports reaching its limit, not passing it: one byte more is too many.
          fileSize: maxFileBytes + 1,
          files: 1,
          fields: FIELD_NAMES.size,
          parts: FIELD_NAMES.size + 1,
          fieldSize: 256,
          fieldNameSize: 64,
          headerPairs: 16,
        },
      });
    } catch {
      return reject(new AppError('VALIDATION', 'The multipart/form-data body has no boundary.'));
    }
    const raw: Record<string, string> = {};
    let file: ReceivedFile | undefined;
    let writing: Promise<void> | undefined;
    let fileStream: Readable | undefined;
    let settled = false;
    let received = 0;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Ends the file's write (and closes it) wherever it stands; the caller removes the file.
      fileStream?.destroy();
      // Whatever is still coming is read and dropped (lib/media/http/reply.ts lingerThenClose).
      req.resume();
      reject(error);
    };
    const refuse = (message: string) => fail(new AppError('VALIDATION', message));
    const tooLarge = () =>
      fail(new AppError('PAYLOAD_TOO_LARGE', `A file can be at most ${formatBytes(maxFileBytes)}.`));

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxFileBytes + MULTIPART_ALLOWANCE_BYTES) tooLarge();
    });
    req.once('close', () => {
      if (!req.complete) fail(new ClientGone());
    });

    parser.on('field', (name, value, info) => {
      if (settled || !FIELD_NAMES.has(name)) return;
      if (info.valueTruncated) return refuse(`${name}: The value is too long.`);
      if (name in raw) return refuse(`${name}: Send it once.`);
      raw[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (settled) return stream.resume();
      if (name !== 'file') return refuse('Send the bytes in the field named "file".');
      fileStream = stream;
      const target = path.join(dir, 'received');
      const size = { bytes: 0 };
      stream.once('limit', tooLarge);
      writing = (async () => {
        await beforeFile(parseInput(uploadFieldsSchema, raw));
        if (settled) return;
        await pipeline(stream, counter(size), createWriteStream(target, { flags: 'wx', mode: 0o600 }));
        file = { path: target, size: size.bytes, name: cleanFileName(partFileName(info.filename)) };
      })();
      writing.catch(fail);
    });
    parser.on('filesLimit', () => refuse('Send one file per upload.'));
    parser.on('fieldsLimit', () =>
      refuse('The form has too many fields: send chatId, kind, purpose and file.'),
    );
    parser.on('partsLimit', () =>
      refuse('The form has too many parts: send chatId, kind, purpose and file.'),
    );
    parser.on('error', (error: Error) => {
      if (!req.complete && !req.readableEnded) return fail(new ClientGone());
      const why = /header/i.test(error.message)
        ? 'a part’s headers cannot be read (control characters in a file name?)'
        : 'it ends before its closing boundary';
      refuse(`The body is not valid multipart/form-data: ${why}.`);
    });
    parser.on('close', () => {
      void (writing ?? Promise.resolve()).then(() => {
        if (settled) return;
        settled = true;
        try {
          resolve({ fields: parseInput(uploadFieldsSchema, raw), file });
        } catch (error) {
          reject(error);
        }
      }, fail);
    });
    req.pipe(parser);
  });
}

/**
 * Browsers write `"`, CR and LF in a part's filename as %22, %0D and %0A
 * (the HTML standard's multipart encoding); this reads them back.
 */
function partFileName(raw: string | undefined): string | undefined {
  return raw?.replace(/%(22|0d|0a)/gi, (escaped) => decodeURIComponent(escaped));
}

/** Counts the bytes going through into `size`. */
function counter(size: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size.bytes += chunk.length;
      done(null, chunk);
    },
  });
}
