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

/**
 * `{ error: { code, message } }`; anything but an AppError is a bare 500.
 * `close`: the request body was not read to its end, so the connection
 * cannot carry another request: say so, and Node closes it after the answer.
 */
export function replyError(
  res: ServerResponse,
  error: unknown,
  options: { close?: IncomingMessage } = {},
): void {
  const body = toErrorBody(error);
  if (body.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(body.retryAfterSeconds));
  if (options.close) {
    res.setHeader('connection', 'close');
    lingerBeforeClosing(options.close);
  }
  replyJson(res, ERROR_STATUS[body.code], { error: body });
}

/** How long a refused upload's connection stays open for the client to read the answer. */
const LINGER_MS = 2000;

/**
 * A client still sending the body of a refused upload must get to read the
 * answer. Closing the socket with its bytes unread makes the kernel send a
 * reset, which can reach the client before the answer does (it then sees
 * EPIPE or ECONNRESET, never the 413). So, like nginx's lingering close:
 * send the answer and our end of the connection, keep reading and dropping
 * what still comes for a moment, then close. Node calls destroySoon() on
 * the socket once a `connection: close` answer is written.
 */
function lingerBeforeClosing(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const close = () => socket.destroy();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    socket.once('end', () => {
      clearTimeout(timer);
      close();
    });
    req.resume();
    socket.resume();
  };
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This file does not exist or you may not see it.');
}
