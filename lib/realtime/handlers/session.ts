import { principalFromBearer, resolveUser } from '../../auth/principal';
import { AppError } from '../../errors';
import { tokenPayloadSchema } from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';

// setTimeout's ceiling; a longer expiry is re-armed when it fires.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The socket lives only as long as its credential: it is disconnected the
 * moment it expires, unless `authenticate` brought a fresh token first.
 */
export function registerSessionHandlers(socket: ChatSocket, deps: DispatchDeps & { secret: string }): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    const remaining = socket.data.expiresAt - Date.now();
    if (remaining <= 0) {
      socket.emit('error', { code: 'UNAUTHENTICATED', message: 'Your session has expired. Sign in again.' });
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.on('disconnect', () => clearTimeout(timer));

  on(socket, deps, 'authenticate', tokenPayloadSchema, async ({ token }) => {
    const principal = await principalFromBearer(token, deps.secret);
    if (principal.userId !== socket.data.user.id) {
      throw new AppError('FORBIDDEN', 'A socket cannot switch to another account. Reconnect instead.');
    }
    socket.data.user = await resolveUser(principal);
    socket.data.expiresAt = principal.expiresAt.getTime();
    socket.data.via = 'token';
    arm();
    return { userId: principal.userId, expiresAt: principal.expiresAt.toISOString() };
  });
}
