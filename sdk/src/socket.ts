// The Socket.IO connection, typed with the protocol's event maps.
import { io } from 'socket.io-client';
import type { Ack, AckResponse, ClientToServerEvents } from './protocol/index.js';
import type { ChatClientOptions, ChatSocket } from './types.js';

export function createSocket(
  options: ChatClientOptions,
  tokenOf: (() => Promise<string>) | undefined,
): ChatSocket {
  return io(options.baseUrl || undefined, {
    path: '/socket.io',
    autoConnect: false,
    withCredentials: options.credentials === 'include',
    // A cookie is accepted only with this site's Origin, which browsers send
    // on a WebSocket handshake but not on a same-origin polling GET: with
    // cookies, WebSocket first, long polling only where it cannot open.
    ...(options.credentials === 'include' && { transports: ['websocket', 'polling'] }),
    // A function, so that every (re)connect asks for the current token.
    ...(tokenOf && {
      auth: (cb: (data: object) => void) => {
        tokenOf().then(
          (token) => cb({ token }),
          (error: unknown) => {
            options.logger?.error?.('getToken failed', error);
            cb({});
          },
        );
      },
    }),
  }) as ChatSocket;
}

export type AckData<E extends keyof ClientToServerEvents> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends Ack<infer T> ? T : never;

interface TimedEmitter {
  emit(
    event: string,
    payload: unknown,
    ack: (error: Error | null, response: AckResponse<unknown>) => void,
  ): void;
}

/** Emits with an acknowledgement; rejects when none comes within `timeoutMs` or the socket is down. */
export function request<E extends keyof ClientToServerEvents>(
  socket: ChatSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs: number,
): Promise<AckResponse<AckData<E>>> {
  if (!socket.connected) return Promise.reject(new Error('offline'));
  return new Promise((resolve, reject) => {
    (socket.timeout(timeoutMs) as unknown as TimedEmitter).emit(event, payload, (error, response) => {
      if (error) reject(error);
      else resolve(response as AckResponse<AckData<E>>);
    });
  });
}
