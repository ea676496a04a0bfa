// One socket per tab, owned here. The browser authenticates with its
// session cookie; page code never handles a token.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../realtime/events';

export type BrowserSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: BrowserSocket | undefined;

export function browserSocket(): BrowserSocket {
  socket ??= io({ withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}
