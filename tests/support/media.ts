// Uploads and media for the tests: multipart uploads through fetch, raw
// HTTP for bodies cut off or larger than they say, fixtures made on the spot
// (sharp for images, the ffmpeg binary of @ffmpeg-installer for sound), and
// a local S3 (s3rver) on a random port.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import S3rver from 's3rver';
import sharp from 'sharp';
import type { Api, ApiResponse } from './api';

export const UPLOADS = '/api/v1/uploads';

export interface UploadInput {
  file?: Uint8Array;
  /** The part's filename. */
  name?: string;
  chatId?: string;
  kind?: string;
  purpose?: string;
  /** Send the text fields after the file rather than before. */
  fieldsAfterFile?: boolean;
  token?: string;
  headers?: Record<string, string>;
}

/** POST /api/v1/uploads as multipart/form-data, built by fetch. */
export async function upload(api: Api, input: UploadInput): Promise<ApiResponse> {
  const form = new FormData();
  const fields = () => {
    for (const name of ['chatId', 'kind', 'purpose'] as const) {
      const value = input[name];
      if (value !== undefined) form.append(name, value);
    }
  };
  if (!input.fieldsAfterFile) fields();
  if (input.file) form.append('file', new Blob([new Uint8Array(input.file)]), input.name ?? 'file.bin');
  if (input.fieldsAfterFile) fields();
  const headers: Record<string, string> = { ...input.headers };
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  const res = await fetch(api.baseUrl + UPLOADS, { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: left as text for the assertion to show.
  }
  return { status: res.status, headers: res.headers, body };
}

/**
 * Sends a text message and makes it hold the upload the way a media message
 * does (the upload's messageId, the message's attachments), straight in the
 * database; returns the message id.
 */
export async function attachToMessage(
  api: Api,
  prisma: any,
  options: { token: string; chatId: string; upload: { id: string; locationRemoved?: boolean } },
): Promise<string> {
  const sent = await api.post(
    `/api/v1/chat/sessions/${options.chatId}/messages`,
    { content: 'caption' },
    options.token,
  );
  if (sent.status !== 201) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
  const messageId: string = sent.body.message.id;
  const { locationRemoved: _, ...attachment } = options.upload;
  await prisma.upload.update({ where: { id: options.upload.id }, data: { messageId } });
  await prisma.chatMessage.update({ where: { id: messageId }, data: { attachments: [attachment] } });
  return messageId;
}

export interface MediaResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export async function getMedia(
  api: Api,
  url: string,
  options: { token?: string; headers?: Record<string, string>; method?: string } = {},
): Promise<MediaResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(api.baseUrl + url, { method: options.method ?? 'GET', headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** One multipart body by hand, for raw requests: the fields, then the file part's head, bytes and tail. */
export function multipartParts(fields: Record<string, string>, fileName = 'big.bin') {
  const boundary = `----test${Math.random().toString(16).slice(2)}`;
  const head =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(head),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
  };
}

/**
 * A whole multipart/form-data body, as a browser writes it: text fields in
 * order, then the file part (its filename with `"`, CR and LF escaped).
 * Text travels as UTF-8, so a lone surrogate arrives as U+FFFD.
 */
export function multipartBody(
  fields: Array<[name: string, value: string]>,
  file?: { name: string; bytes: Uint8Array },
  options: { fieldsAfterFile?: boolean } = {},
): { contentType: string; body: Uint8Array<ArrayBuffer> } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const text = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const parts: Buffer[] = options.fieldsAfterFile ? [] : text;
  if (file) {
    const filename = file.name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  if (options.fieldsAfterFile) parts.push(...text);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: new Uint8Array(Buffer.concat(parts)),
  };
}

export interface RawAnswer {
  status: number;
  body: any;
  /** Bytes of the body written before the answer came. */
  sent: number;
}

/**
 * A raw POST that writes `head`, then `chunk` after chunk (up to `total`
 * bytes of file) while no answer has come, and resolves with the answer.
 * Without `contentLength` the body goes chunked. With `pauseAfter`, it
 * stops writing after that many bytes of file and only waits: an answer
 * then proves the server decided without the rest of the body.
 */
export function rawUpload(
  url: string,
  options: {
    token: string;
    contentType: string;
    contentLength?: number;
    head: Buffer;
    chunk: Buffer;
    total: number;
    tail?: Buffer;
    expectContinue?: boolean;
    pauseAfter?: number;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${options.token}`,
      'content-type': options.contentType,
    };
    if (options.contentLength !== undefined) headers['content-length'] = options.contentLength;
    if (options.expectContinue) headers.expect = '100-continue';
    const req = http.request(`${url}${UPLOADS}`, { method: 'POST', headers });
    let answered = false;
    let sent = 0;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Left as text.
        }
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    // The server closing after its answer may reset a connection still sending: the answer came first.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      if (answered || (options.pauseAfter !== undefined && sent >= options.pauseAfter)) return;
      if (sent >= options.total) {
        req.end(options.tail);
        return;
      }
      sent += options.chunk.length;
      if (req.write(options.chunk)) setImmediate(write);
      else req.once('drain', write);
    };
    if (options.expectContinue) {
      req.flushHeaders();
      req.on('continue', () => {
        req.write(options.head);
        write();
      });
    } else {
      req.write(options.head);
      write();
    }
  });
}

/**
 * Sends `bytes` of a declared-larger body, waits for `beforeCut` (say, until
 * the server has started writing the file), then drops the connection.
 */
export async function cutOffUpload(
  url: string,
  options: {
    token: string;
    contentType: string;
    contentLength: number;
    bytes: Buffer;
    beforeCut: () => Promise<void>;
  },
): Promise<void> {
  const req = http.request(`${url}${UPLOADS}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': options.contentType,
      'content-length': options.contentLength,
    },
  });
  req.on('error', () => undefined);
  await new Promise<void>((resolve) => req.write(options.bytes, () => resolve()));
  try {
    await options.beforeCut();
  } finally {
    req.destroy();
  }
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Files under a directory, recursively (none when it does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

// ── Fixtures ────────────────────────────────────────────────────────────────

export function tinyPng(width = 8, height = 8): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();
}

/** A JPEG that carries a GPS position (and a camera make) in its EXIF. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2964/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4000/100',
      },
    })
    .toBuffer();
}

/** A valid PNG header (8×8) followed by HTML instead of image data. */
export async function pngThenHtml(): Promise<Buffer> {
  const png = await tinyPng();
  // Signature and IHDR chunk (8 + 25 bytes), then markup.
  return Buffer.concat([
    png.subarray(0, 33),
    Buffer.from('<html><script>alert(document.cookie)</script></html>'),
  ]);
}

/**
 * A PNG of a few hundred bytes that declares 20000×20000 pixels and holds
 * that many rows of zeros, deflated: a decompression bomb (400 MB decoded).
 */
export function pngBomb(side = 20000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit grey, deflate, no filter, no interlace
  // Each row: a filter byte and side/8 bytes; all zero, so it deflates to almost nothing.
  const rows = deflateSync(Buffer.alloc((1 + Math.ceil(side / 8)) * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const run = promisify(execFile);
export const ffmpegPath: string = ffmpeg.path;

/** A sine tone made by ffmpeg, in a temporary directory; returns its bytes. */
export async function tone(options: {
  seconds: number;
  format: 'webm' | 'ogg' | 'mp4-video';
}): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tone-'));
  try {
    const out = path.join(dir, options.format === 'mp4-video' ? 'clip.mp4' : `tone.${options.format}`);
    const args =
      options.format === 'mp4-video'
        ? ['-f', 'lavfi', '-i', `testsrc=duration=${options.seconds}:size=64x48:rate=5`, '-c:v', 'mpeg4', out]
        : [
            '-f',
            'lavfi',
            '-i',
            `sine=frequency=440:duration=${options.seconds}`,
            '-c:a',
            options.format === 'webm' ? 'libopus' : 'libvorbis',
            out,
          ];
    await run(ffmpegPath, ['-hide_banner', '-v', 'error', '-y', ...args]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What ffmpeg says of a file's container and streams (its `-i` report). */
export async function probe(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'probe-'));
  try {
    const file = path.join(dir, 'in');
    await writeFile(file, bytes);
    const out = await run(ffmpegPath, ['-hide_banner', '-i', file]).catch((e: { stderr: string }) => e);
    return out.stderr;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ── A local S3 ──────────────────────────────────────────────────────────────

export interface LocalS3 {
  env: Record<string, string>;
  /** Where s3rver keeps the objects. */
  directory: string;
  close(): Promise<void>;
}

/** s3rver on 127.0.0.1, a random port, a temporary directory, with one bucket. */
export async function startLocalS3(bucket = 'media'): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver's fixed account; it does not check signatures.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PREFIX: 'chat/',
    },
    directory,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
