'use client';

import { createContext, useContext } from 'react';

/** Server settings the web app needs, handed over once by the page that renders it. */
export interface ChatConfig {
  /** EDIT_WINDOW_SECONDS, in ms: the server refuses edits after it. */
  editWindowMs: number;
  /** Server clock minus this browser's, so the edit countdown matches the server's check. */
  clockOffsetMs: number;
  /** UPLOAD_MAX_BYTES: larger files are refused here, before a byte is sent. */
  uploadMaxBytes: number;
  /** VOICE_MAX_SECONDS, in ms: recording stops by itself there. */
  voiceMaxMs: number;
  /** DISAPPEARING_TIMERS: the timers the chat menu offers, in seconds. */
  disappearingTimers: number[];
}

const ChatConfigContext = createContext<ChatConfig>({
  editWindowMs: 15 * 60_000,
  clockOffsetMs: 0,
  uploadMaxBytes: 25 * 1024 * 1024,
  voiceMaxMs: 300_000,
  disappearingTimers: [86_400, 604_800, 7_776_000],
});

export const ChatConfigProvider = ChatConfigContext.Provider;

export function useChatConfig(): ChatConfig {
  return useContext(ChatConfigContext);
}
