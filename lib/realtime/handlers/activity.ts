import { AppError } from '../../errors';
import { anyPayloadSchema, chatRefSchema, presenceSchema, typingIndicatorSchema } from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';
import type { Presence } from '../presence';
import { chatRoom } from '../rooms';
import type { Typing } from '../typing';

/** Typing and presence: ephemeral, fanned out to the user's chats, never stored per keystroke. */
export function registerActivityHandlers(
  socket: ChatSocket,
  deps: DispatchDeps & { presence: Presence; typing: Typing },
): void {
  const userId = socket.data.user.id;

  // Membership is enforced by the rooms: a socket is only in its user's current chats.
  const requireRoom = (chatId: string) => {
    if (!socket.rooms.has(chatRoom(chatId))) {
      throw new AppError('NOT_FOUND', 'This chat does not exist or you are not in it.');
    }
  };
  const setTyping = (chatId: string, isTyping: boolean) => {
    requireRoom(chatId);
    if (isTyping) deps.typing.start(socket, chatId);
    else deps.typing.stop(socket, chatId);
    return null;
  };

  on(socket, deps, 'typing_start', chatRefSchema, ({ chatId }) => setTyping(chatId, true));
  on(socket, deps, 'typing_stop', chatRefSchema, ({ chatId }) => setTyping(chatId, false));
  on(socket, deps, 'typing_indicator', typingIndicatorSchema, ({ chatId, isTyping }) =>
    setTyping(chatId, isTyping),
  );

  on(socket, deps, 'presence_update', presenceSchema, async ({ status }) => {
    await deps.presence.setStatus(userId, status);
    return { status };
  });
  on(socket, deps, 'user_online', anyPayloadSchema, async () => {
    await deps.presence.setStatus(userId, 'online');
    return { status: 'online' as const };
  });
  // "Appear offline" while connected; the socket still receives messages.
  on(socket, deps, 'user_offline', anyPayloadSchema, async () => {
    await deps.presence.setStatus(userId, 'offline');
    return { status: 'offline' as const };
  });
}
