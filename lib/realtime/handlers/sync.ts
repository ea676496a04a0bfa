import { syncChanges } from '../../chat/sync-changes';
import { syncSchema } from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';
import { chatRoom } from '../rooms';

/**
 * `sync { since: { chatId: lastSeq }, changedSince? }`: everything the client
 * missed, read from the database, so catching up works after a server
 * restart or on another node. Subscribes the socket to chats it is new to.
 */
export function registerSyncHandler(socket: ChatSocket, deps: DispatchDeps): void {
  on(socket, deps, 'sync', syncSchema, async ({ since, changedSince }) => {
    const result = await syncChanges({ userId: socket.data.user.id, since, changedSince });
    for (const chatId of result.removedChatIds) await socket.leave(chatRoom(chatId));
    for (const chat of result.chats) await socket.join(chatRoom(chat.id));
    return result;
  });
}
