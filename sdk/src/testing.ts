// @chat/sdk/testing: cut and restore a client's connection, to test offline behaviour.
import { controls } from './internal.js';
import type { ChatClient } from './types.js';

function control(client: ChatClient) {
  const c = controls.get(client);
  if (!c) throw new Error('Not a client made by createChatClient');
  return c;
}

/** Drops the transport now and keeps it down: no reconnect; sends queue in the outbox. */
export function cutConnection(client: ChatClient): void {
  control(client).cut();
}

/** Reconnects a client cut with cutConnection; it syncs and delivers its outbox as after any reconnect. */
export function restoreConnection(client: ChatClient): void {
  control(client).restore();
}
