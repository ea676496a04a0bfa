// The Socket.IO protocol: one typed event map shared by the server
// (`new Server<…>()`) and the browser (`io()`). Event names are public.
import type { AuthUser } from '../auth/principal';
import type { ChatDto, MessageDto, Page, PresenceStatus, ReadReceiptDto } from '../chat/dto';
import type { ErrorBody } from '../errors';

export type AckResponse<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type Ack<T> = (response: AckResponse<T>) => void;

export interface SyncResult {
  /** Per chat, in seq order: messages after the client's lastSeq. */
  messages: MessageDto[];
  /** Messages at or below the client's lastSeq that were edited or deleted since `changedSince`. */
  changed: MessageDto[];
  /** Read watermarks of each chat's participants that moved since `changedSince` (all of them without it). */
  reads: ReadReceiptDto[];
  /** Chats the user is in that the request did not name (up to 100), as the chat list shows them. */
  chats: ChatDto[];
  /** Chat ids from the request the user no longer takes part in. */
  removedChatIds: string[];
  /** Server time to pass as `changedSince` next time. */
  serverTime: string;
  /**
   * More was missed than one sync returns (500 messages a chat, 2,000 in all,
   * 100 new chats): sync again from the new watermarks, or page over REST.
   */
  truncated: boolean;
}

export interface ClientToServerEvents {
  authenticate: (payload: { token: string }, ack?: Ack<{ userId: string; expiresAt: string }>) => void;
  join_chat: (payload: { chatId: string }, ack?: Ack<{ chatId: string }>) => void;
  leave_chat: (payload: { chatId: string }, ack?: Ack<{ chatId: string }>) => void;
  send_message: (
    payload: {
      chatId: string;
      content: string;
      type?: 'TEXT' | 'IMAGE' | 'FILE' | 'VOICE';
      clientMessageId?: string;
      replyToId?: string;
    },
    ack?: Ack<MessageDto>,
  ) => void;
  edit_message: (payload: { messageId: string; content: string }, ack?: Ack<MessageDto>) => void;
  delete_message: (payload: { messageId: string }, ack?: Ack<MessageDto>) => void;
  /** A page of history, as GET /chat/sessions/:id/messages answers it. */
  fetch_messages: (
    payload: { chatId: string; before?: number; after?: number; limit?: number },
    ack?: Ack<Page<MessageDto>>,
  ) => void;
  get_unread: (payload: { chatId: string }, ack?: Ack<{ chatId: string; count: number }>) => void;
  mark_as_read: (payload: { chatId: string; upToMessageId?: string }, ack?: Ack<ReadReceiptDto>) => void;
  typing_start: (payload: { chatId: string }, ack?: Ack<null>) => void;
  typing_stop: (payload: { chatId: string }, ack?: Ack<null>) => void;
  typing_indicator: (payload: { chatId: string; isTyping: boolean }, ack?: Ack<null>) => void;
  user_online: (payload?: unknown, ack?: Ack<{ status: PresenceStatus }>) => void;
  user_offline: (payload?: unknown, ack?: Ack<{ status: PresenceStatus }>) => void;
  presence_update: (payload: { status: PresenceStatus }, ack?: Ack<{ status: PresenceStatus }>) => void;
  create_chat: (payload: unknown, ack?: Ack<ChatDto>) => void;
  get_online_users: (payload: { chatId: string }, ack?: Ack<{ chatId: string; userIds: string[] }>) => void;
  sync: (
    payload: { since: Record<string, number>; changedSince?: string },
    ack?: Ack<SyncResult>,
  ) => void;
}

export interface ServerToClientEvents {
  message_received: (message: MessageDto) => void;
  message_sent: (message: MessageDto) => void;
  message_edited: (message: MessageDto) => void;
  message_deleted: (message: MessageDto) => void;
  messages_read: (receipt: ReadReceiptDto) => void;
  user_typing: (payload: { chatId: string; userId: string; name: string }) => void;
  user_stopped_typing: (payload: { chatId: string; userId: string }) => void;
  user_online: (payload: { userId: string }) => void;
  user_offline: (payload: { userId: string; lastSeenAt: string }) => void;
  presence_update: (payload: { userId: string; status: PresenceStatus; lastSeenAt: string | null }) => void;
  online_users: (payload: { chatId: string; userIds: string[] }) => void;
  chat_created: (chat: ChatDto) => void;
  chat_updated: (chat: ChatDto) => void;
  chat_deleted: (payload: { chatId: string }) => void;
  chat_joined: (payload: { chatId: string }) => void;
  chat_left: (payload: { chatId: string }) => void;
  user_joined_chat: (payload: { chatId: string; userId: string }) => void;
  user_left_chat: (payload: { chatId: string; userId: string }) => void;
  participant_left: (payload: { chatId: string; userId: string; removedBy: string | null }) => void;
  error: (error: ErrorBody & { event?: string }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  user: AuthUser;
  /** When the credential the socket was authenticated with expires (ms since epoch). */
  expiresAt: number;
  via: 'token' | 'cookie';
  /** The chats the user took part in at the handshake: the rooms the socket joins. */
  chatIds: string[];
  /** The browser session a cookie-authenticated socket belongs to: signing it out closes the socket. */
  sessionId?: string;
}
