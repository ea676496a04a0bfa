// The message to show for a failed typed REST call (`unwrap(await chatClient().rest.GET(...))`) or upload.
import { ChatApiError } from '@chat/sdk';
import { ApiError } from './api';

/** The server's message for a failed REST call or upload (uploads still throw ApiError), else the fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ChatApiError || error instanceof ApiError ? error.message : fallback;
}
