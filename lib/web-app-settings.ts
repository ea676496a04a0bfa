// What the web app needs from the server's configuration, handed to it when
// /chat renders, so the browser never hard-codes a server limit.
import { env } from './env';

export interface WebAppSettings {
  /** EDIT_WINDOW_SECONDS: edits are refused after it. */
  editWindowSeconds: number;
  /** The server's clock at render, so the browser can correct its own. */
  serverTime: number;
}

export function webAppSettings(): WebAppSettings {
  return { editWindowSeconds: env().EDIT_WINDOW_SECONDS, serverTime: Date.now() };
}
