// JSON answers for the requests the HTTP server handles itself (uploads and
// media), in the same shape and with the same statuses as the route
// handlers' (lib/http/respond.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ERROR_STATUS, toErrorBody } from '../../errors';

export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** `{ error: { code, message } }`; anything but an AppError is a bare 500. */
export function replyError(res: ServerResponse, error: unknown): void {
  const body = toErrorBody(error);
  if (body.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(body.retryAfterSeconds));
  replyJson(res, ERROR_STATUS[body.code], { error: body });
}

/** How long, and how much more, a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 2000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * After answering a request whose body is still coming (a refusal before
 * or part-way through it): closing at once would make the client's kernel
 * reset the connection while it is still sending, and many clients then
 * report a network error instead of the answer. So the rest is read and
 * dropped for a moment, bounded in time and bytes, then the connection is
 * cut; a body that ends within the bounds leaves it usable.
 */
export function lingerThenClose(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.once('finish', () => {
    let dropped = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) cut();
    });
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This file does not exist or you may not see it.');
}
