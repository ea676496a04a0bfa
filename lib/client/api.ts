// What the browser's REST calls share outside the SDK's typed client
// (lib/client/chat-client.ts): uploads, which need XMLHttpRequest's progress
// (lib/client/upload.ts) and throw ApiError, and the chat list's preloaded URL.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The chat list's first page as the SDK's `chats.load()` asks for it (with
 * credentials 'include'); the chat page preloads exactly this URL from its HTML.
 */
export const CHAT_LIST_PATH = '/chat/sessions?limit=100';
export const API_BASE = '/api/v1';
