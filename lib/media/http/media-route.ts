// GET and HEAD /api/v1/media/{id}[?variant=thumbnail]: the bytes of an
// upload to those canReadUpload lets in (everyone else: 404), streamed from
// storage with single-range support for seeking audio and video. Served so
// that no stored byte can act as a page of this site: nosniff, a sandboxing
// policy, the sniffed type (plain bytes for anything a browser might run),
// and downloads for everything but photos, audio and PDF.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isId } from '../../chat/store/ids';
import { db } from '../../db';
import { AppError } from '../../errors';
import { requireIncomingUser } from '../../http/auth';
import { parseQuery } from '../../http/decode';
import { parseInput } from '../../http/respond';
import { logger } from '../../logger';
import { mediaQuerySchema } from '../../validations/uploads';
import { canReadUpload } from '../can-read-upload';
import { isServedInline, servedContentType } from '../media-types';
import { mediaStorage } from '../storage';
import { StorageMissing } from '../storage/types';
import { parseRange } from './ranges';
import { notFound, replyError } from './reply';

/** Browsers keep media this long before asking again (with If-None-Match, answered 304). */
export const MEDIA_MAX_AGE_SECONDS = 3600;
export const MEDIA_POLICY = "sandbox; default-src 'none'";

export async function handleMedia(
  req: IncomingMessage,
  res: ServerResponse,
  options: { id: string; search: string; release?: () => void },
): Promise<void> {
  try {
    const user = await requireIncomingUser(req);
    const { variant } = parseInput(mediaQuerySchema, parseQuery(options.search));
    if (!isId(options.id)) throw notFound();
    const upload = await db().upload.findUnique({ where: { id: options.id } });
    if (!upload || !(await canReadUpload(user.id, upload))) throw notFound();
    const thumbnail = variant === 'thumbnail';
    const key = thumbnail ? upload.thumbnailKey : upload.storageKey;
    if (!key) throw notFound();
    const size = thumbnail ? (await mediaStorage().stat(key))?.size : upload.size;
    if (size === undefined) throw new StorageMissing(key);
    // What follows is streaming: it no longer holds this user's share of the database.
    options.release?.();

    const mime = thumbnail ? 'image/webp' : upload.mime;
    const etag = `"${upload.id}${thumbnail ? '.thumbnail' : ''}"`;
    const inline = thumbnail || isServedInline(mime);
    res.setHeader('Content-Security-Policy', MEDIA_POLICY);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', `private, max-age=${MEDIA_MAX_AGE_SECONDS}`);
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    if (matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304).end();
      return;
    }
    res.setHeader('Content-Type', thumbnail ? mime : servedContentType(mime));
    res.setHeader('Content-Disposition', disposition(inline, thumbnail ? 'thumbnail.webp' : upload.name));
    const ifRange = req.headers['if-range'];
    const range = parseRange(ifRange === undefined || ifRange === etag ? req.headers.range : undefined, size);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${size}`);
      throw new AppError('RANGE_NOT_SATISFIABLE', `The file has ${size} bytes: ask for a range within them.`);
    }
    const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
    if (part) res.setHeader('Content-Range', `bytes ${part.start}-${part.end}/${size}`);
    res.setHeader('Content-Length', part ? part.end - part.start + 1 : size);
    res.statusCode = part ? 206 : 200;
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const bytes = await mediaStorage().get(key, part);
    await pipeline(bytes, res).catch((error: unknown) => {
      // A client that stops reading (a seek, a closed tab) ends the stream early: not a failure.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        logger().warn({ err: error, uploadId: upload.id }, 'media stream broke');
      }
    });
  } catch (error) {
    const missing = error instanceof StorageMissing;
    if (missing) logger().error({ err: error }, 'an upload’s bytes are missing from media storage');
    else if (!(error instanceof AppError)) logger().error({ err: error }, 'serving media failed');
    // An error answer is JSON: none of the file's headers apply to it.
    for (const name of [
      'content-type',
      'content-disposition',
      'content-length',
      'etag',
      'accept-ranges',
      'cache-control',
    ]) {
      res.removeHeader(name);
    }
    replyError(res, missing ? notFound() : error);
  }
}

/** `If-None-Match` names this ETag (or any). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

/**
 * `inline` or `attachment`, with the name twice: ASCII for old clients, and
 * UTF-8 (RFC 6266 / 8187) for the rest.
 */
export function disposition(inline: boolean, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
