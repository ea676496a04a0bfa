// The media endpoints the HTTP server answers itself, before Next
// (lib/server/start.ts): uploads stream in without Next's body limits, and
// media streams out of storage with ranges.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from '../../env';
import { logger } from '../../logger';
import { handleMedia } from './media-route';
import { handleUpload } from './upload-route';

export const UPLOADS_PATH = '/api/v1/uploads';
const MEDIA_PATH = /^\/api\/v1\/media\/([^/]+)\/?$/;

export function isUploadPath(pathname: string): boolean {
  return pathname === UPLOADS_PATH || pathname === `${UPLOADS_PATH}/`;
}

/** Whether the server answers this path itself rather than Next. */
export function isMediaPath(pathname: string): boolean {
  return isUploadPath(pathname) || MEDIA_PATH.test(pathname);
}

/**
 * Answers a request for one of the media paths; methods the paths do not
 * take were refused before (lib/http/api-routes.ts).
 * `release` gives back the request's place in the user gate.
 */
export async function serveMediaRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { env: Env; release?: () => void },
): Promise<void> {
  const [pathname = '/', search = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  const started = performance.now();
  res.setHeader('x-request-id', requestId);
  res.once('close', () =>
    logger()
      .child({ requestId, method: req.method, path: pathname })
      .info({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'),
  );
  const method = req.method ?? 'GET';
  const id = MEDIA_PATH.exec(pathname)?.[1];
  if (method === 'OPTIONS') {
    res.writeHead(204, { allow: id === undefined ? 'POST, OPTIONS' : 'GET, HEAD, OPTIONS' }).end();
  } else if (id === undefined) {
    await handleUpload(req, res, options.env);
  } else {
    await handleMedia(req, res, { id, search, release: options.release });
  }
}
