import { focusStore } from '../../push/runtime';
import { visibilitySchema } from '../../validations/push';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';

/**
 * The tab tells whether it is visible and focused: while one of a user's
 * tabs is, on any process, they see messages as they come and get no push.
 * A socket that closes stops counting.
 */
export function registerVisibilityHandler(socket: ChatSocket, deps: DispatchDeps): void {
  const userId = socket.data.user.id;
  let active = false;
  on(socket, deps, 'visibility_update', visibilitySchema, async ({ visible, focused }) => {
    active = visible && focused;
    await focusStore().set(userId, socket.id, active);
    return { active };
  });
  socket.on('disconnect', () => {
    if (active)
      void focusStore()
        .set(userId, socket.id, false)
        .catch(() => undefined);
  });
}
