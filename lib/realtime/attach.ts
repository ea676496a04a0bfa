import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { isAllowedOrigin } from '../auth/origin';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from './events';
import { authenticateHandshake } from './handshake';
import { setRealtime } from './hub';
import { userRoom } from './rooms';

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  secret: string;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Largest packet a client may send, in bytes. */
  maxPayloadBytes?: number;
}



/** Attaches the chat's Socket.IO server to an HTTP server (Next's, or a bare one in tests). */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): ChatServer {
  const io: ChatServer = new Server(httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: deps.maxPayloadBytes ?? 64 * 1024,
    // Leave other upgrade requests (Next's dev HMR) to their own handlers.
    destroyUpgrade: false,
    cors: {
      credentials: true,
      origin: (origin, callback) => callback(null, !origin || isAllowedOrigin(origin, null, deps.allowedOrigins)),
    },
  });

  const handshake = authenticateHandshake({ secret: deps.secret, allowedOrigins: deps.allowedOrigins });
  io.use((socket, next) => void handshake(socket, next));

  io.on('connection', (socket) => {
    const { user } = socket.data;
    void socket.join(userRoom(user.id));
    deps.logger.debug({ userId: user.id, socketId: socket.id }, 'socket connected');
  });

  setRealtime(io);
  return io;
}
