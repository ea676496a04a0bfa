// The Socket.IO protocol: one typed event map shared by the server
// (`new Server<…>()`), the SDK and the web app (`io()`). Event names are public.
import type {
  ChatDto,
  EditedMessageDto,
  HiddenMessageDto,
  MentionDto,
  MessageDto,
  Page,
  PresenceStatus,
  ReactionEventDto,
  ReadReceiptDto,
  SyncResult,
} from './dto.js';
import type { ErrorBody } from './errors.js';
import type { InvitationDto, NoticeDto, SettingsDto } from './users.js';

export type AckResponse<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type Ack<T> = (response: AckResponse<T>) => void;

export interface ClientToServerEvents {
  authenticate: (payload: { token: string }, ack?: Ack<{ userId: string; expiresAt: string }>) => void;
  join_chat: (payload: { chatId: string }, ack?: Ack<{ chatId: string }>) => void;
  leave_chat: (payload: { chatId: string }, ack?: Ack<{ chatId: string }>) => void;
  send_message: (
    payload: {
      chatId: string;
      /** The text; a media message's caption (optional, may be empty). */
      content?: string;
      type?: 'TEXT' | 'IMAGE' | 'FILE' | 'VOICE';
      /** Upload ids for IMAGE (1–10), FILE (1) and VOICE (1), from POST /api/v1/uploads in this chat. */
      attachmentIds?: string[];
      clientMessageId?: string;
      replyToId?: string;
      /** In a group: who the text mentions, as ranges of content (docs/api.md, Mentions). */
      mentions?: MentionDto[];
      /** After a CONFIRM_REQUIRED ack: send the flagged word anyway, with the same clientMessageId. */
      confirmed?: boolean;
    },
    ack?: Ack<MessageDto>,
  ) => void;
  edit_message: (
    /** mentions: the new text's, replacing the old; left out, the old ones that still fit are kept. */
    payload: { messageId: string; content: string; mentions?: MentionDto[]; confirmed?: boolean },
    ack?: Ack<MessageDto>,
  ) => void;
  delete_message: (payload: { messageId: string }, ack?: Ack<MessageDto>) => void;
  /** Delete for me: hides the message from the caller's own views only; their other sockets hear message_hidden. */
  hide_message: (payload: { messageId: string }, ack?: Ack<HiddenMessageDto>) => void;
  /** Forward a message you can see to another chat you are in, as a new message of yours (forwarded: true). */
  forward_message: (
    payload: { messageId: string; chatId: string; clientMessageId?: string; confirmed?: boolean },
    ack?: Ack<MessageDto>,
  ) => void;
  /** A chat's disappearing-message timer (direct: either person; group: admins); null turns it off. */
  set_disappearing: (
    payload: { chatId: string; disappearAfterSeconds: number | null },
    ack?: Ack<ChatDto>,
  ) => void;
  /**
   * The listener played a voice message. In a direct chat the sender hears
   * message_edited with attachments[0].playedAt set (once); elsewhere it changes nothing.
   */
  voice_played: (payload: { messageId: string }, ack?: Ack<MessageDto>) => void;
  /** Reacts with one emoji (idempotent); the ack is the message with its reactions as the caller sees them. */
  add_reaction: (payload: { messageId: string; emoji: string }, ack?: Ack<MessageDto>) => void;
  /** Takes a reaction back (idempotent). */
  remove_reaction: (payload: { messageId: string; emoji: string }, ack?: Ack<MessageDto>) => void;
  /** A page of history, as GET /chat/sessions/:id/messages answers it. */
  fetch_messages: (
    payload: { chatId: string; before?: number; after?: number; limit?: number },
    ack?: Ack<Page<MessageDto>>,
  ) => void;
  /** count: unread messages; mentionCount: how many of them mention you. */
  get_unread: (
    payload: { chatId: string },
    ack?: Ack<{ chatId: string; count: number; mentionCount: number }>,
  ) => void;
  mark_as_read: (payload: { chatId: string; upToMessageId?: string }, ack?: Ack<ReadReceiptDto>) => void;
  typing_start: (payload: { chatId: string }, ack?: Ack<null>) => void;
  typing_stop: (payload: { chatId: string }, ack?: Ack<null>) => void;
  typing_indicator: (payload: { chatId: string; isTyping: boolean }, ack?: Ack<null>) => void;
  user_online: (payload?: unknown, ack?: Ack<{ status: PresenceStatus }>) => void;
  user_offline: (payload?: unknown, ack?: Ack<{ status: PresenceStatus }>) => void;
  presence_update: (payload: { status: PresenceStatus }, ack?: Ack<{ status: PresenceStatus }>) => void;
  create_chat: (payload: unknown, ack?: Ack<ChatDto>) => void;
  get_online_users: (payload: { chatId: string }, ack?: Ack<{ chatId: string; userIds: string[] }>) => void;
  sync: (payload: { since: Record<string, number>; changedSince?: string }, ack?: Ack<SyncResult>) => void;
  /** The tab is visible and focused (or not): while any of a user's tabs is, they get no push notifications. */
  visibility_update: (
    payload: { visible: boolean; focused: boolean },
    ack?: Ack<{ active: boolean }>,
  ) => void;
  /** Your privacy settings, as GET /api/v1/users/me/settings answers them. */
  get_settings: (payload: unknown, ack?: Ack<SettingsDto>) => void;
  /** Change some of them, as PATCH /api/v1/users/me/settings; your other sockets hear settings_updated. */
  update_settings: (payload: Partial<SettingsDto>, ack?: Ack<SettingsDto>) => void;
}

export interface ServerToClientEvents {
  message_received: (message: MessageDto) => void;
  /** Without `reactions`: they depend on who looks, and an edit does not change them. */
  message_edited: (message: EditedMessageDto) => void;
  message_deleted: (message: MessageDto) => void;
  /** To the person's own sockets: a message they deleted for themselves. */
  message_hidden: (hidden: HiddenMessageDto) => void;
  messages_read: (receipt: ReadReceiptDto) => void;
  /** To the chat's room, less anyone with a block with the person who reacted. */
  reaction_added: (reaction: ReactionEventDto) => void;
  reaction_removed: (reaction: ReactionEventDto) => void;
  /** To the blocker's own sockets only (other tabs); the blocked person is never told. */
  user_blocked: (payload: { userId: string }) => void;
  user_unblocked: (payload: { userId: string }) => void;
  user_typing: (payload: { chatId: string; userId: string; name: string }) => void;
  user_stopped_typing: (payload: { chatId: string; userId: string }) => void;
  user_online: (payload: { userId: string }) => void;
  user_offline: (payload: { userId: string; lastSeenAt: string }) => void;
  presence_update: (payload: { userId: string; status: PresenceStatus; lastSeenAt: string | null }) => void;
  online_users: (payload: { chatId: string; userIds: string[] }) => void;
  chat_created: (chat: ChatDto) => void;
  chat_updated: (chat: ChatDto) => void;
  chat_deleted: (payload: { chatId: string }) => void;
  /** To both people of a direct chat that one of them closed; the same words whoever did. */
  chat_closed: (payload: { chatId: string; closedAt: string | null }) => void;
  /** A message from the platform to this user (lib/users/notices.ts). */
  notice: (notice: NoticeDto) => void;
  chat_joined: (payload: { chatId: string }) => void;
  chat_left: (payload: { chatId: string }) => void;
  user_joined_chat: (payload: { chatId: string; userId: string }) => void;
  user_left_chat: (payload: { chatId: string; userId: string }) => void;
  participant_left: (payload: { chatId: string; userId: string; removedBy: string | null }) => void;
  error: (error: ErrorBody & { event?: string }) => void;
  /** Your privacy settings changed (from another tab or device). */
  settings_updated: (settings: SettingsDto) => void;
  /** One of your exports moved on (0..1); about once a second while it is built. */
  export_progress: (payload: { exportId: string; progress: number }) => void;
  /** One of your exports can be downloaded, until expiresAt. */
  export_ready: (payload: { exportId: string; size: number; expiresAt: string; downloadUrl: string }) => void;
  /** One of your exports could not be built; ask again. */
  export_failed: (payload: { exportId: string; error: string }) => void;
  /** Someone invited you to a group (your groupInvites setting kept them from adding you). */
  group_invitation: (invitation: InvitationDto) => void;
  /** An invitation of yours was accepted or declined (in another tab). */
  group_invitation_closed: (payload: { invitationId: string }) => void;
}
