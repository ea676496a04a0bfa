import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, ERROR_STATUS, toErrorBody } from '../errors';
import { logger } from '../logger';
import { env } from '../env';
import { decodeBody, parseQuery } from './decode';

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RouteContext<P>) => Promise<Response>;

/** Bodies smaller than this are sent as they are: gzip would hardly shrink them. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON response, not stored by caches unless `headers` says otherwise: the
 * answers are per user. Small bodies are marked no-transform, which Next's
 * gzip honours: compressing 200 bytes saves nothing on the wire and costs
 * more than the rest of a small request (p50 0.7 of 2.6 ms for GET /users/me
 * on node-svc). Larger ones are left to Next's streaming gzip (0.6–1 ms for a
 * 20 KB history page, where one gzipSync takes 80 µs); a route cannot send
 * its own compressed body, as Next drops a route's Content-Encoding header.
 */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  const text = JSON.stringify(body);
  const all = new Headers(headers);
  all.set('content-type', 'application/json');
  const cache = all.get('cache-control') ?? 'no-store';
  all.set('cache-control', Buffer.byteLength(text) < COMPRESS_FROM_BYTES ? `${cache}, no-transform` : cache);
  return new Response(text, { status, headers: all });
}

export function errorResponse(error: unknown, requestId: string): Response {
  const body = toErrorBody(error);
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (body.retryAfterSeconds !== undefined) headers['retry-after'] = String(body.retryAfterSeconds);
  return json(ERROR_STATUS[body.code], { error: body }, headers);
}

/**
 * Wraps a route handler: request id, access log, and the translation of
 * thrown errors into `{ error: { code, message } }` with no internals leaked.
 */
export function handle<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    const incoming = req.headers.get('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    const log = logger().child({ requestId, method: req.method, path: new URL(req.url).pathname });
    let response: Response;
    try {
      response = await handler(req, ctx);
      response.headers.set('x-request-id', requestId);
    } catch (error) {
      if (!(error instanceof AppError)) log.error({ err: error }, 'unhandled error in route');
      response = errorResponse(error, requestId);
    }
    log.info({ status: response.status, ms: Math.round(performance.now() - started) }, 'request');
    return response;
  };
}

/**
 * Reads a JSON body within BODY_MAX_BYTES (refused with 413 before parsing)
 * and validates it. Extra keys are dropped by the schema; `__proto__` stays
 * an inert own key of the parsed object.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const limit = env().BODY_MAX_BYTES;
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json).');
  }
  const text = await readText(req, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_JSON', 'The request body is not valid JSON.');
  }
  return parseInput(schema, raw);
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new AppError('VALIDATION', `${where}${issue?.message ?? 'The input is invalid.'}`);
}

/** The query string as a plain object, for a zod schema; not UTF-8 is a 400. */
export function queryOf(req: Request): Record<string, string> {
  return parseQuery(new URL(req.url).search);
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
}

async function readText(req: Request, limit: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return decodeBody(Buffer.concat(chunks));
}
