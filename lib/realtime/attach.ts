import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import { isAllowedOrigin } from '../auth/origin';
import type { ChatSocket, DispatchDeps } from './dispatch';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events';
import { registerActivityHandlers } from './handlers/activity';
import { registerChatHandlers } from './handlers/chats';
import { registerMessageHandlers } from './handlers/messages';
import { registerSessionHandlers } from './handlers/session';
import { registerSettingsHandlers } from './handlers/settings';
import { registerSyncHandler } from './handlers/sync';
import { registerVisibilityHandler } from './handlers/visibility';
import { authenticateHandshake } from './handshake';
import { relayDomainEvents } from './relay';
import { createPresence } from './presence';
import { memoryPresenceStore, type PresenceStore } from './presence-store';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { createRecoveryGuard } from './recovery';
import { chatRoom, sessionRoom, userRoom } from './rooms';
import { createTyping } from './typing';

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  secret: string;
  allowedOrigins: readonly string[];
  /** The origin browsers load this server from, for a request (PUBLIC_URL's, or the request's own). */
  serverOrigin: (req: IncomingMessage) => string | null;
  logger: Logger;
  /** Largest packet a client may send, in bytes. */
  maxPayloadBytes: number;
  presenceGraceMs: number;
  /** How long a dropped socket can resume with its missed packets; 0 turns recovery off (clients sync). */
  recoverySeconds?: number;
  /** How often this process refreshes its sockets in a shared presence store. */
  presenceHeartbeatMs?: number;
  socketEventsPerSecond: number;
  userEventsPerSecond: number;
  /** Open sockets one user may have across every process; the next handshake is refused. */
  maxSocketsPerUser?: number;
  /** Shared stores for several processes; in memory by default. */
  presenceStore?: PresenceStore;
  rateLimiter?: RateLimiter;
  /** Fans events out to the other processes (the Redis Streams adapter). */
  adapter?: ServerOptions['adapter'];
}

/** Attaches the chat's Socket.IO server to an HTTP server (Next's, or a bare one in tests). */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): ChatServer {
  const log = deps.logger;
  const recoveryMs = (deps.recoverySeconds ?? 120) * 1000;
  // Recovery replays missed packets only after the handshake is checked (recovery.ts).
  const recovery = recoveryMs > 0 ? createRecoveryGuard(deps.adapter) : undefined;
  const io: ChatServer = new Server(httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: deps.maxPayloadBytes,
    // Leave other upgrade requests (Next's dev HMR) to their own handlers.
    destroyUpgrade: false,
    cors: {
      credentials: true,
      origin: (origin, callback) =>
        callback(null, !origin || isAllowedOrigin(origin, null, deps.allowedOrigins)),
    },
    // A brief drop resumes with its rooms and missed packets, once the
    // handshake (token, expiry, revocation, membership) is checked again.
    ...(recovery && {
      connectionStateRecovery: { maxDisconnectionDuration: recoveryMs, skipMiddlewares: false },
    }),
    ...(recovery ? { adapter: recovery.adapter } : deps.adapter ? { adapter: deps.adapter } : {}),
  });

  const presence = createPresence(
    io,
    deps.presenceStore ?? memoryPresenceStore(),
    { graceMs: deps.presenceGraceMs, heartbeatMs: deps.presenceHeartbeatMs ?? 10_000 },
    log,
  );
  // The services' announcements reach this server's clients from here on.
  const unrelay = relayDomainEvents(io);
  stoppers.set(io, () => {
    unrelay();
    return presence.stop();
  });
  const typing = createTyping();
  const limiter =
    deps.rateLimiter ??
    createRateLimiter({
      socketPerSecond: deps.socketEventsPerSecond,
      userPerSecond: deps.userEventsPerSecond,
    });
  const handshake = authenticateHandshake({
    secret: deps.secret,
    allowedOrigins: deps.allowedOrigins,
    serverOrigin: deps.serverOrigin,
    maxSocketsPerUser: deps.maxSocketsPerUser ?? 20,
    countSockets: (userId) => presence.store.count(userId),
  });
  io.use((socket, next) => void handshake(socket, next));

  io.on('connection', (socket: ChatSocket) => {
    const { user } = socket.data;
    // Synchronous, before any client packet can be read: a connected socket
    // is already in every room it should be in.
    subscribe(socket);
    recovery?.replay(socket);
    const base: DispatchDeps = { logger: log, limiter };
    registerSessionHandlers(socket, { ...base, secret: deps.secret });
    registerMessageHandlers(socket, base);
    registerChatHandlers(socket, { ...base, presence: presence.store });
    registerActivityHandlers(socket, { ...base, presence, typing });
    registerSyncHandler(socket, base);
    registerVisibilityHandler(socket, base);
    registerSettingsHandlers(socket, base);
    socket.on('disconnect', () => {
      typing.stopAll(socket);
      presence
        .disconnected(user.id, socket.id)
        .catch((err: unknown) => log.error({ err }, 'presence failed'));
    });
    presence.connected(user.id, socket.id).catch((err: unknown) => log.error({ err }, 'presence failed'));
  });

  return io;
}

const stoppers = new WeakMap<ChatServer, () => Promise<void>>();

/**
 * Closes the Socket.IO server and the HTTP server under it, then waits for
 * the presence writes the closed sockets started, so that the database can
 * close after it.
 */
export async function closeRealtime(io: ChatServer): Promise<void> {
  await new Promise<void>((resolve) => void io.close(() => resolve()));
  await stoppers.get(io)?.();
}

/**
 * Joins the user's room, its browser session's, and one room per current
 * chat (looked up by the handshake), and drops every other room a recovered session brought back
 * (chats since left, or another user's rooms).
 */
function subscribe(socket: ChatSocket): void {
  const { user, chatIds, sessionId } = socket.data;
  const current = new Set([
    userRoom(user.id),
    ...chatIds.map(chatRoom),
    ...(sessionId ? [sessionRoom(sessionId)] : []),
  ]);
  for (const room of socket.rooms) {
    if (room !== socket.id && !current.has(room)) void socket.leave(room);
  }
  void socket.join([...current]);
}
