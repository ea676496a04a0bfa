import type { ChatState, ChatStore } from '../types.js';

export const initialState: ChatState = {
  me: null,
  connection: 'idle',
  chats: {},
  chatOrder: [],
  messages: {},
  outbox: [],
  presence: {},
  typing: {},
  receipts: {},
};

export interface WritableStore extends ChatStore {
  /** Applies a pure change; listeners hear about it only when the state object changed. */
  update(change: (state: ChatState) => ChatState): void;
}

export function createStore(): WritableStore {
  let state = initialState;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change) {
      const next = change(state);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
