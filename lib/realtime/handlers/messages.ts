import { deleteMessage } from '../../chat/delete-message';
import { editMessage } from '../../chat/edit-message';
import { markRead } from '../../chat/mark-read';
import { sendMessage } from '../../chat/send-message';
import { socketEditSchema, socketReadSchema, socketSendSchema, messageRefSchema } from '../../validations/realtime';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';

export function registerMessageHandlers(socket: ChatSocket, deps: DispatchDeps): void {
  const userId = socket.data.user.id;
  const exceptSocketId = socket.id;

  on(socket, deps, 'send_message', socketSendSchema, async ({ chatId, ...input }) => {
    // Acked only once stored; a retry with the same clientMessageId gets the original.
    const { message } = await sendMessage({ userId, chatId, input, exceptSocketId });
    socket.emit('message_sent', message);
    return message;
  });

  on(socket, deps, 'edit_message', socketEditSchema, ({ messageId, content }) =>
    editMessage({ userId, messageId, content, exceptSocketId }),
  );

  on(socket, deps, 'delete_message', messageRefSchema, ({ messageId }) =>
    deleteMessage({ userId, messageId, exceptSocketId }),
  );

  on(socket, deps, 'mark_as_read', socketReadSchema, ({ chatId, upToMessageId }) =>
    markRead({ userId, chatId, upToMessageId, exceptSocketId }),
  );
}
