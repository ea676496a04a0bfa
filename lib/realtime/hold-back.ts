// A socket refused for going over a budget stops being read until the
// budget comes back. Refusing an event costs the server little, but a
// client that keeps sending can make it refuse thousands a second, and
// every other user's events wait behind them on the one event loop. Not
// reading leaves the flood in the client's TCP buffers, at no cost to us;
// the events are then read, in order, once the hold ends.
import type { ChatSocket } from './dispatch';

/**
 * Longest hold. Retry times are whole seconds; a second bounds how long an
 * honest burst waits, and a flood is still read at most once a second.
 * Heartbeats wait with the rest, well within the ping timeout.
 */
const MAX_HOLD_MS = 1000;

interface Pausable {
  pause(): void;
  resume(): void;
}

const held = new WeakSet<ChatSocket>();

/** Stops reading `socket` for `ms` (websocket transport only; long-polling has no stream to pause). */
export function holdBack(socket: ChatSocket, ms: number): void {
  if (held.has(socket) || ms <= 0) return;
  const transport = (socket.conn as unknown as { transport?: { name?: string; socket?: Partial<Pausable> } }).transport;
  const ws = transport?.name === 'websocket' ? transport.socket : undefined;
  if (typeof ws?.pause !== 'function' || typeof ws.resume !== 'function') return;
  const stream = ws as Pausable;
  held.add(socket);
  stream.pause();
  setTimeout(() => {
    held.delete(socket);
    stream.resume();
  }, Math.min(ms, MAX_HOLD_MS)).unref();
}
