import { addReaction } from '../../chat/add-reaction';
import { timedSend } from '../../analytics/send-latency';
import { deleteMessage } from '../../chat/delete-message';
import { editMessage } from '../../chat/edit-message';
import { forwardMessage } from '../../chat/forward-message';
import { hideMessage } from '../../chat/hide-message';
import { setDisappearing } from '../../chat/set-disappearing';
import { listMessages } from '../../chat/list-messages';
import { markRead } from '../../chat/mark-read';
import { markVoicePlayed } from '../../chat/mark-voice-played';
import { removeReaction } from '../../chat/remove-reaction';
import { sendMessage } from '../../chat/send-message';
import { unreadCount } from '../../chat/unread-count';
import {
  chatRefSchema,
  messageRefSchema,
  socketDisappearingSchema,
  socketEditSchema,
  socketForwardSchema,
  socketHistorySchema,
  socketReactionSchema,
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
    // The ack is the sender's confirmation: this socket gets no event besides
    // (relay.ts spares it), the sender's other tabs get `message_received`.
    const { message } = await timedSend(() => sendMessage({ userId, chatId, input, origin }));
    return message;
  });

  on(socket, deps, 'edit_message', socketEditSchema, ({ messageId, content, mentions, confirmed }) =>
    editMessage({ userId, messageId, content, mentions, confirmed, origin }),
  );

  on(socket, deps, 'delete_message', messageRefSchema, ({ messageId }) =>
    deleteMessage({ userId, messageId, origin }),
  );

  on(socket, deps, 'hide_message', messageRefSchema, ({ messageId }) =>
    hideMessage({ userId, messageId, origin }),
  );

  on(socket, deps, 'forward_message', socketForwardSchema, async ({ messageId, ...input }) => {
    // As send_message: acked once stored; the ack is this socket's confirmation.
    const { message } = await forwardMessage({ userId, messageId, input, origin });
    return message;
  });

  on(socket, deps, 'set_disappearing', socketDisappearingSchema, ({ chatId, disappearAfterSeconds }) =>
    setDisappearing({ userId, chatId, disappearAfterSeconds }),
  );

  on(socket, deps, 'voice_played', messageRefSchema, ({ messageId }) =>
    markVoicePlayed({ userId, messageId, origin }),
  );

  on(socket, deps, 'add_reaction', socketReactionSchema, ({ messageId, emoji }) =>
    addReaction({ userId, messageId, emoji, origin }),
  );

  on(socket, deps, 'remove_reaction', socketReactionSchema, ({ messageId, emoji }) =>
    removeReaction({ userId, messageId, emoji, origin }),
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
