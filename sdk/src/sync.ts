// Catching up with `sync`: from each chat's watermark, round after round
// until the server says nothing more was missed (lib/chat/sync-changes.ts).
import type { SyncResult } from './protocol/index.js';
import { advanceWatermark } from './store/messages.js';
import {
  applyHidden,
  applyKnown,
  applyMessages,
  applyReads,
  removeChats,
  upsertChats,
} from './store/reducers.js';
import type { ChatState } from './types.js';

export interface SyncRequest {
  since: Record<string, number>;
  /** Per chat, the newest seq held when the request left: all of them were stored before it. */
  knownTop: Record<string, number>;
}

export function syncRequest(state: ChatState): SyncRequest {
  const since: Record<string, number> = {};
  const knownTop: Record<string, number> = {};
  for (const [chatId, chat] of Object.entries(state.chats)) {
    const messages = state.messages[chatId];
    since[chatId] = messages?.syncedSeq ?? chat.lastSeq;
    knownTop[chatId] = messages?.seqs.at(-1) ?? 0;
  }
  return { since, knownTop };
}

/**
 * One round's answer into the state. Its messages are each chat's run after
 * the watermark with no gap but what this user hid, so the watermark moves
 * over them. On the last round (not truncated) everything up to what we held
 * when asking is known too, which closes gaps left by hidden messages.
 */
export function applySyncResult(state: ChatState, result: SyncResult, request: SyncRequest): ChatState {
  let next = removeChats(state, result.removedChatIds);
  next = upsertChats(next, result.chats);
  next = applyMessages(next, result.messages, { contiguous: true });
  next = applyKnown(next, result.changed);
  next = applyReads(next, result.reads);
  next = applyHidden(next, result.hidden);
  if (!result.truncated) {
    let messages = next.messages;
    for (const [chatId, top] of Object.entries(request.knownTop)) {
      const chat = messages[chatId];
      if (!chat || top <= chat.syncedSeq) continue;
      const moved = advanceWatermark(chat, top);
      if (moved !== chat) messages = { ...messages, [chatId]: moved };
    }
    if (messages !== next.messages) next = { ...next, messages };
  }
  return next;
}
