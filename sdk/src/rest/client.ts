// The REST client: openapi-fetch typed by the generated schema, with the
// bearer token (or the browser's cookie) applied to every request.
import createClient from 'openapi-fetch';
import type { ErrorBody } from '../protocol/index.js';
import type { ChatClientOptions, RestClient } from '../types.js';
import type { paths } from './schema.js';

export function createRestClient(
  options: ChatClientOptions,
  tokenOf: (() => Promise<string>) | undefined,
): RestClient {
  const rest = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.credentials && { credentials: options.credentials }),
  });
  if (tokenOf) {
    rest.use({
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${await tokenOf()}`);
        return request;
      },
    });
  }
  return rest;
}

/** A REST call the server answered with an error body (or not at all). */
export class ChatApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ChatApiError';
  }

  get code() {
    return this.body.code;
  }
}

/**
 * The data of a successful answer (undefined for 204 No Content, which has
 * no body); a ChatApiError otherwise.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && (result.data !== undefined || result.response.status === 204))
    return result.data as T;
  const body = (result.error as { error?: ErrorBody } | undefined)?.error;
  throw new ChatApiError(
    result.response.status,
    body ?? { code: 'INTERNAL', message: `Request failed with status ${result.response.status}` },
  );
}
