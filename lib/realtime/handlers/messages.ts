import { deleteMessage } from '../../chat/delete-message';
import { editMessage } from '../../chat/edit-message';
import { listMessages } from '../../chat/list-messages';
import { markRead } from '../../chat/mark-read';
import { markVoicePlayed } from '../../chat/mark-voice-played';
import { sendMessage } from '../../chat/send-message';
import { unreadCount } from '../../chat/unread-count';
import {
  chatRefSchema,
  messageRefSchema,
  socketEditSchema,
  socketHistorySchema,
  socketReadSchema,
  socketSendSchema,
} from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';

export function registerMessageHandlers(socket: ChatSocket, deps: DispatchDeps): void {
  const userId = socket.data.user.id;
  // The services announce with this as the change's origin; relay.ts spares this socket the echo.
  const origin = socket.id;

  on(socket, deps, 'send_message', socketSendSchema, async ({ chatId, ...input }) => {
    // Acked only once stored; a retry with the same clientMessageId gets the original.
    const { message } = await sendMessage({ userId, chatId, input, origin });
    socket.emit('message_sent', message);
    return message;
  });

  on(socket, deps, 'edit_message', socketEditSchema, ({ messageId, content, mentions, confirmed }) =>
    editMessage({ userId, messageId, content, mentions, confirmed, origin }),
  );

  on(socket, deps, 'delete_message', messageRefSchema, ({ messageId }) =>
    deleteMessage({ userId, messageId, origin }),
  );

  on(socket, deps, 'voice_played', messageRefSchema, ({ messageId }) =>
    markVoicePlayed({ userId, messageId, origin }),
  );

  on(socket, deps, 'mark_as_read', socketReadSchema, ({ chatId, upToMessageId }) =>
    markRead({ userId, chatId, upToMessageId, origin }),
  );

  // Reads over the open socket skip an HTTP request per page; same service, same answers as REST.
  on(socket, deps, 'fetch_messages', socketHistorySchema, ({ chatId, ...query }) =>
    listMessages({ userId, chatId, ...query }),
  );

  on(socket, deps, 'get_unread', chatRefSchema, async ({ chatId }) => ({
    chatId,
    ...(await unreadCount({ userId, chatId })),
  }));
}
