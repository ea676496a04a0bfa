// Small helpers around the typed REST calls: `unwrap(await chatClient().rest.GET(...))`.
import { ChatApiError, unwrap } from '@chat/sdk';
import { ApiError } from './api';

/**
 * For a call the server answers with 204 No Content: `unwrap` wants data, and
 * openapi-fetch gives none for an empty body, so only a failure is unwrapped.
 */
export function expectOk(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) unwrap(result);
}

/** The server's message for a failed REST call or upload (uploads still throw ApiError), else the fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ChatApiError || error instanceof ApiError ? error.message : fallback;
}
