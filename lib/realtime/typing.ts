// Who is typing where. Ephemeral: never stored. A typing state that is not
// refreshed within 3 s ends by itself and the room hears user_stopped_typing.
// Nobody with a block with the typist, either way, hears either; nobody at
// all while the typist's typingIndicator setting is off.
import { settingsOfOne } from '../users/settings';
import type { ChatSocket } from './dispatch';
import { blockPartnerRooms, chatRoom } from './rooms';

export const TYPING_TIMEOUT_MS = 3000;

export interface Typing {
  start(socket: ChatSocket, chatId: string): void;
  stop(socket: ChatSocket, chatId: string): void;
  /** Ends every typing state of a closing socket. */
  stopAll(socket: ChatSocket): void;
}

export function createTyping(timeoutMs = TYPING_TIMEOUT_MS): Typing {
  // socket id → chat id → timer
  const active = new Map<string, Map<string, NodeJS.Timeout>>();

  const stop = (socket: ChatSocket, chatId: string) => {
    const chats = active.get(socket.id);
    const timer = chats?.get(chatId);
    if (!chats || !timer) return;
    clearTimeout(timer);
    chats.delete(chatId);
    if (chats.size === 0) active.delete(socket.id);
    const { id } = socket.data.user;
    void toRoomBut(socket, chatId).then((to) => to?.emit('user_stopped_typing', { chatId, userId: id }));
  };

  return {
    start(socket, chatId) {
      const chats = active.get(socket.id) ?? new Map<string, NodeJS.Timeout>();
      active.set(socket.id, chats);
      const existing = chats.get(chatId);
      if (existing) clearTimeout(existing);
      else {
        const { id, name } = socket.data.user;
        void toRoomBut(socket, chatId).then((to) => to?.emit('user_typing', { chatId, userId: id, name }));
      }
      chats.set(
        chatId,
        setTimeout(() => stop(socket, chatId), timeoutMs),
      );
    },
    stop,
    stopAll(socket) {
      for (const chatId of [...(active.get(socket.id)?.keys() ?? [])]) stop(socket, chatId);
    },
  };
}

/** The chat's room, less the socket itself and anyone with a block with its user; none with typing hidden. */
async function toRoomBut(socket: ChatSocket, chatId: string) {
  const [blocked, settings] = await Promise.all([
    blockPartnerRooms(socket.data.user.id).catch(() => []),
    settingsOfOne(socket.data.user.id),
  ]);
  return settings.typingIndicator ? socket.to(chatRoom(chatId)).except(blocked) : undefined;
}
