'use client';

import { createContext, useContext } from 'react';

/** Server settings the web app needs, handed over once by the page that renders it. */
export interface ChatConfig {
  /** EDIT_WINDOW_SECONDS, in ms: the server refuses edits after it. */
  editWindowMs: number;
  /** Server clock minus this browser's, so the edit countdown matches the server's check. */
  clockOffsetMs: number;
}

const ChatConfigContext = createContext<ChatConfig>({ editWindowMs: 15 * 60_000, clockOffsetMs: 0 });

export const ChatConfigProvider = ChatConfigContext.Provider;

export function useChatConfig(): ChatConfig {
  return useContext(ChatConfigContext);
}
