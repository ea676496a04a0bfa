// What the web app needs from the server's configuration, handed to it when
// /chat renders, so the browser never hard-codes a server limit.
import { disappearingTimers } from './chat/rules/disappearing';
import { env } from './env';

export interface WebAppSettings {
  /** EDIT_WINDOW_SECONDS: edits are refused after it. */
  editWindowSeconds: number;
  /** The server's clock at render, so the browser can correct its own. */
  serverTime: number;
  /** UPLOAD_MAX_BYTES: the browser refuses larger files before sending a byte. */
  uploadMaxBytes: number;
  /** VOICE_MAX_SECONDS: recording stops there. */
  voiceMaxSeconds: number;
  /** DISAPPEARING_TIMERS: the disappearing-message timers a chat may choose, in seconds. */
  disappearingTimers: number[];
}

export function webAppSettings(): WebAppSettings {
  const e = env();
  return {
    editWindowSeconds: e.EDIT_WINDOW_SECONDS,
    serverTime: Date.now(),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    voiceMaxSeconds: e.VOICE_MAX_SECONDS,
    disappearingTimers: disappearingTimers(),
  };
}
