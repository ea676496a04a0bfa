// The browser's first REST client: same-origin, session cookie, JSON errors as exceptions.
// New calls go through the SDK's typed client (lib/client/chat-client.ts); uploads still throw ApiError.
import type { ErrorBody } from '../errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The chat list's request; the chat page preloads exactly this URL from its HTML. */
export const CHAT_LIST_PATH = '/chat/sessions?limit=100';
export const API_BASE = '/api/v1';

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${API_BASE}${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as ({ error?: ErrorBody } & T) | null;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'INTERNAL',
      body?.error?.message ?? 'Something went wrong.',
    );
  }
  return body as T;
}
