// @chat/sdk: a typed client for the chat server, with a synced store and an offline outbox.
export { createChatClient } from './client.js';
export { ChatApiError, unwrap } from './rest/client.js';
export { UploadAbortedError, type UploadAnswer, type UploadInput } from './upload.js';
export { memoryStorage } from './storage/memory.js';
export { keyValueStorage, type KeyValueStore } from './storage/key-value.js';
export { chatList, messageStatus, pendingMessages, storedMessages } from './store/selectors.js';
export type * from './types.js';
export type * from './protocol/index.js';
export type { paths as RestPaths, components as RestComponents } from './rest/schema.js';
