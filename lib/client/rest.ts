// The message to show for a failed typed REST call (`unwrap(await chatClient().rest.GET(...))`) or upload.
import { ChatApiError } from '@chat/sdk';

/** The server's message for a failed REST call or upload (both throw ChatApiError), else the fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ChatApiError ? error.message : fallback;
}
