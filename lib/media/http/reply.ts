// JSON answers for the requests the HTTP server handles itself (uploads and
// media), in the same shape and with the same statuses as the route
// handlers' (lib/http/respond.ts).
import type { ServerResponse } from 'node:http';
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
export function replyError(res: ServerResponse, error: unknown, options: { close?: boolean } = {}): void {
  const body = toErrorBody(error);
  if (body.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(body.retryAfterSeconds));
  if (options.close) res.setHeader('connection', 'close');
  replyJson(res, ERROR_STATUS[body.code], { error: body });
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This file does not exist or you may not see it.');
}
