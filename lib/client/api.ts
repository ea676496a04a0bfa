// The chat list's preloaded URL, shared by the chat page's HTML and the SDK's first list request.

/**
 * The chat list's first page as the SDK's `chats.load()` asks for it (with
 * credentials 'include'); the chat page preloads exactly this URL from its HTML.
 */
export const CHAT_LIST_PATH = '/chat/sessions?limit=100';
export const API_BASE = '/api/v1';
