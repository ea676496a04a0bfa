// The live Socket.IO server, reachable from route handlers (bundled apart
// from server.ts by Next), so REST writes emit the same events as sockets.
import type { ChatServer } from './attach';

const key = Symbol.for('chat.realtime');
const store = globalThis as { [key]?: ChatServer };

export function setRealtime(io: ChatServer | undefined): void {
  store[key] = io;
}

export function realtime(): ChatServer | undefined {
  return store[key];
}
