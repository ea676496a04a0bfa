import { createChat } from '../../chat/create-chat';
import { listParticipantIds, participation } from '../../chat/store/list-chat-ids';
import { chatClosed, chatEnded } from '../../chat/rules/access';
import { AppError } from '../../errors';
import { blockPartners } from '../../users/block-partners';
import { createChatSchema } from '../../validations/chat';
import { chatRefSchema } from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';
import type { PresenceStore } from '../presence-store';
import { presenceVisibleAmong } from '../../users/privacy';
import { chatRoom } from '../rooms';

const NOT_IN_CHAT = 'This chat does not exist or you are not in it.';

/**
 * The caller takes part in the chat and its live events reach them (a direct
 * chat neither blocked nor closed), or why not.
 */
async function requireLive(userId: string, chatId: string): Promise<void> {
  const state = await participation({ userId, chatId });
  if (state === null) throw new AppError('NOT_FOUND', NOT_IN_CHAT);
  if (state === 'blocked') throw chatEnded();
  if (state === 'closed') throw chatClosed();
}

export function registerChatHandlers(
  socket: ChatSocket,
  deps: DispatchDeps & { presence: PresenceStore },
): void {
  const userId = socket.data.user.id;

  // Subscribe to a chat's live events (sockets subscribe to all their chats on connect).
  on(socket, deps, 'join_chat', chatRefSchema, async ({ chatId }) => {
    await requireLive(userId, chatId);
    await socket.join(chatRoom(chatId));
    socket.emit('chat_joined', { chatId });
    socket.to(chatRoom(chatId)).emit('user_joined_chat', { chatId, userId });
    return { chatId };
  });

  // Unsubscribe from a chat's live events; membership is unchanged.
  on(socket, deps, 'leave_chat', chatRefSchema, async ({ chatId }) => {
    if (!socket.rooms.has(chatRoom(chatId))) throw new AppError('NOT_FOUND', NOT_IN_CHAT);
    await socket.leave(chatRoom(chatId));
    socket.emit('chat_left', { chatId });
    socket.to(chatRoom(chatId)).emit('user_left_chat', { chatId, userId });
    return { chatId };
  });

  on(socket, deps, 'create_chat', createChatSchema, async (input) => {
    const { chat } = await createChat({ userId, input });
    return chat;
  });

  on(socket, deps, 'get_online_users', chatRefSchema, async ({ chatId }) => {
    await requireLive(userId, chatId);
    const [ids, blocked] = await Promise.all([listParticipantIds({ chatId }), blockPartners(userId)]);
    // Nobody with a block with the caller, either way, shows as online to them.
    // Nor anyone whose presence the privacy settings of either side hide.
    const visible = await presenceVisibleAmong(
      userId,
      ids.filter((id) => !blocked.includes(id)),
    );
    const online = await deps.presence.onlineAmong(visible);
    const result = { chatId, userIds: [...online] };
    socket.emit('online_users', result);
    return result;
  });
}
