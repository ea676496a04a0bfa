// What a push says, composed on the server per recipient and per preview
// level, then encrypted for each of their browsers. The service worker
// (public/sw.js) shows it as it is: with `sender` or `none` the message text
// is not in the payload at all, so it cannot reach a lock screen, a push
// service or a log by any path.
import type { ChatType } from '../../chat/dto';
import { messagePreview, type PreviewedMessage } from '../../chat/rules/preview';
import type { NotificationPreview } from '../../validations/push';

/** The app's name where a notification may say nothing else. */
export const APP_NAME = 'Chat';
const TEXT_MAX_CHARS = 140;

export interface MessagePush {
  v: 1;
  kind: 'message';
  chatId: string;
  /** The notification's tag: one notification per chat, replaced by the next push. */
  tag: string;
  title: string;
  body: string;
  /** This chat's unread messages, and all unmuted chats' (the app badge). */
  unread: number;
  badge: number;
  /** Where a click opens the app. */
  url: string;
  /** The newest message's seq: an older push arriving late does not replace a newer one. */
  seq: number;
  at: string;
}

/** The chat was read (on some device) past what the last push showed: close its notification. */
export interface ReadPush {
  v: 1;
  kind: 'read';
  chatId: string;
  tag: string;
  unread: number;
  badge: number;
  /**
   * The browser behind this push service shows every push (Safari): the
   * worker replaces the notification with a quiet one instead of closing it.
   */
  mustShow: boolean;
}

export type PushPayload = MessagePush | ReadPush;

export interface MessagePushInput {
  preview: NotificationPreview;
  chat: { id: string; type: ChatType; name: string | null };
  sender: { name: string };
  message: PreviewedMessage & { seq: number; flagged: boolean; createdAt: string };
  unread: number;
  badge: number;
  /** The message mentions the recipient: said as "Ann mentioned you" where the sender may be shown. */
  mentioned?: boolean;
}

export const chatUrl = (chatId: string) => `/chat?c=${chatId}`;

const count = (n: number) => (n === 1 ? 'New message' : `${n} new messages`);

export function messagePush(input: MessagePushInput): MessagePush {
  const { chat, sender, message, unread } = input;
  const group = chat.type === 'GROUP';
  const chatName = chat.name?.trim() || 'Group';
  const n = Math.max(1, unread);
  let title: string;
  let body: string;
  // A flagged message's receivers are asked "Does this bother you?" first: its text waits for the app.
  const preview = input.preview === 'full' && message.flagged ? 'sender' : input.preview;
  if (preview === 'none') {
    title = APP_NAME;
    body = count(n);
  } else if (preview === 'sender') {
    title = group ? chatName : sender.name;
    body = input.mentioned
      ? `${sender.name} mentioned you`
      : group
        ? n === 1
          ? `New message from ${sender.name}`
          : `${n} new messages, the latest from ${sender.name}`
        : n === 1
          ? `New message from ${sender.name}`
          : `${n} new messages from ${sender.name}`;
  } else {
    // The chat list's one line: "📷 Photo", "🎤 Voice message (0:12)", a file's name, or the text.
    const text = messagePreview(message, { maxLength: TEXT_MAX_CHARS });
    title = group ? chatName : sender.name;
    if (n > 1) title = `${title} · ${n} new messages`;
    body = input.mentioned
      ? `${sender.name} mentioned you: ${text}`
      : group
        ? `${sender.name}: ${text}`
        : text;
  }
  return {
    v: 1,
    kind: 'message',
    chatId: chat.id,
    tag: chat.id,
    title,
    body,
    unread: n,
    badge: input.badge,
    url: chatUrl(chat.id),
    seq: message.seq,
    at: message.createdAt,
  };
}

export function readPush(input: {
  chatId: string;
  unread: number;
  badge: number;
  mustShow: boolean;
}): ReadPush {
  return { v: 1, kind: 'read', tag: input.chatId, ...input };
}
