import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { isAllowedOrigin } from '../auth/origin';
import {
  principalFromBearer,
  principalFromCookie,
  resolveUser,
  type Principal,
} from '../auth/principal';
import { listLiveChatIds } from '../chat/store/list-chat-ids';
import { AppError } from '../errors';
import type { SocketData } from './events';

export interface HandshakeOptions {
  secret: string;
  allowedOrigins: readonly string[];
  /** The origin browsers load this server from, for a request (PUBLIC_URL's, or the request's own). */
  serverOrigin: (req: IncomingMessage) => string | null;
  maxSocketsPerUser: number;
  /** The user's open sockets, on every process. */
  countSockets(userId: string): Promise<number>;
}

/**
 * Socket.IO middleware: a socket is admitted with a bearer token in
 * `auth.token`, or with the browser's session cookie from an allowed Origin.
 */
export function authenticateHandshake(options: HandshakeOptions) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const { auth, headers } = socket.handshake;
      const token = (auth as { token?: unknown } | undefined)?.token;
      let principal: Principal | null;
      if (token !== undefined) {
        if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
          throw new AppError('UNAUTHENTICATED', 'auth.token must be a bearer token string.');
        }
        principal = await principalFromBearer(token, options.secret);
      } else {
        principal = await principalFromCookie(headers.cookie, options.secret);
        const own = options.serverOrigin(socket.request);
        if (principal && !isAllowedOrigin(headers.origin, own, options.allowedOrigins)) {
          throw new AppError('FORBIDDEN', 'Connections with a session cookie must come from this site.');
        }
      }
      if (!principal) {
        throw new AppError('UNAUTHENTICATED', 'Authentication required: connect with auth: { token } or sign in.');
      }
      const user = await resolveUser(principal);
      if ((await options.countSockets(user.id)) >= options.maxSocketsPerUser) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many open connections (${options.maxSocketsPerUser}): close another tab or device and try again.`,
        );
      }
      const data: SocketData = {
        user,
        expiresAt: principal.expiresAt.getTime(),
        via: principal.via,
        chatIds: await listLiveChatIds({ userId: user.id }),
        ...(principal.sessionId && { sessionId: principal.sessionId }),
      };
      Object.assign(socket.data as SocketData, data);
      next();
    } catch (error) {
      const err = new Error(
        error instanceof AppError ? error.message : 'The connection could not be authenticated.',
      ) as Error & { data?: unknown };
      err.data = { code: error instanceof AppError ? error.code : 'INTERNAL' };
      next(err);
    }
  };
}
