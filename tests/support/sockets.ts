import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const open: ClientSocket[] = [];

/** Connects with a bearer token (or other options) and resolves once connected or refused. */
export function connect(
  url: string,
  options: { token?: string; headers?: Record<string, string>; transports?: string[] } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: options.token === undefined ? undefined : { token: options.token },
    extraHeaders: options.headers,
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  open.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

export function closeAllSockets(): void {
  closeSocketsFrom(0);
}

/** How many sockets were opened so far; closeSocketsFrom(mark) closes those opened since. */
export function socketMark(): number {
  return open.length;
}

export function closeSocketsFrom(mark: number): void {
  for (const s of open.splice(mark)) s.disconnect();
}

/** Resolves with the next `event` on `socket` that satisfies `match`, or rejects after `ms`. */
export function nextEvent<T = unknown>(
  socket: ClientSocket,
  event: string,
  ms = 5000,
  match: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const raw = socket as unknown as Socket;
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      raw.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      raw.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    raw.on(event, listener);
  });
}

/** A client that reconnects by itself, quickly, as a real app would. */
export function reconnectingSocket(url: string, token: string, delayMs?: number): ClientSocket {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    // A fixed delay when given, so a test can act while the socket is away.
    ...(delayMs === undefined
      ? { reconnectionDelay: 50, reconnectionDelayMax: 500 }
      : { reconnectionDelay: delayMs, reconnectionDelayMax: delayMs, randomizationFactor: 0 }),
    forceNew: true,
  });
  open.push(socket);
  return socket;
}
