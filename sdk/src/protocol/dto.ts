// What the chat services return: plain JSON-ready objects, never Prisma rows.
// Shared by REST responses, socket events, the SDK and the web app (types only).

export type ChatType = 'DIRECT' | 'GROUP';
export type Role = 'ADMIN' | 'MODERATOR' | 'MEMBER';
export type MessageType = 'TEXT' | 'IMAGE' | 'FILE' | 'VOICE' | 'SYSTEM';
export type PresenceStatus = 'online' | 'away' | 'busy' | 'offline';

export interface ParticipantDto {
  id: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  joinedAt: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  presence: { status: PresenceStatus; lastSeenAt: string | null };
}

export type AttachmentKind = 'image' | 'file' | 'voice';

/**
 * An upload's public fields: what POST /api/v1/uploads answers and what a
 * message's `attachments` carry. The URLs serve the bytes to the chat's members only.
 */
export interface AttachmentDto {
  id: string;
  kind: AttachmentKind;
  /** The served bytes' type, sniffed from them. */
  mime: string;
  size: number;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
  /** Base64 ThumbHash of an image: a placeholder until the thumbnail loads. */
  thumbhash?: string;
  /** A voice message's loudness, about 64 bars of 0–255. */
  waveform?: number[];
  /** `/api/v1/media/{id}` */
  url: string;
  /** `/api/v1/media/{id}?variant=thumbnail`, for images. */
  thumbnailUrl?: string;
  /** A voice message in a direct chat: when the other person first played it. */
  playedAt?: string;
}

/** One emoji on a message, as the viewer may see it: reactions of people they have a block with are left out. */
export interface ReactionDto {
  emoji: string;
  count: number;
  /** Who reacted with it, first first. */
  userIds: string[];
}

/** A mention: the range [offset, offset + length) of content (UTF-16 units) that names userId, "@" first. */
export interface MentionDto {
  userId: string;
  offset: number;
  length: number;
}

export interface MessageDto {
  id: string;
  chatId: string;
  senderId: string | null;
  seq: number;
  type: MessageType;
  /** The text, or a media message's caption (may be empty). Empty for a deleted message. */
  content: string;
  /** IMAGE, FILE and VOICE messages' uploads, in the order sent; null for other types and once deleted. */
  attachments: AttachmentDto[] | null;
  replyToId: string | null;
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Holds a word of the platform's flag list: its receivers are asked "Does this bother you?". */
  flagged: boolean;
  /** Emoji reactions, in the order each emoji was first used; [] once deleted. */
  reactions: ReactionDto[];
  /** The page its first https link points to, fetched once after the send (lib/link-previews). */
  linkPreview: LinkPreviewDto | null;
  /**
   * Sent while the chat's disappearing timer was on: when it is deleted for
   * everyone. Kept on the tombstone, so clients can tell a message that
   * disappeared (deletedAt at or after expiresAt) from one deleted by hand.
   */
  expiresAt: string | null;
  /** A copy of a message forwarded from another chat (which, and whose, is not told). */
  forwarded: boolean;
  /** People the text mentions (groups only), in offset order; empty when none and once deleted. */
  mentions: MentionDto[];
}

/** Text only: no image, so the linked site never learns who reads the chat. */
export interface LinkPreviewDto {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
}

/**
 * `message_edited` as the whole chat's room hears it: reactions depend on
 * who is looking, so the edit leaves them out (they are unchanged by it).
 */
export type EditedMessageDto = Omit<MessageDto, 'reactions'>;

/** `reaction_added` / `reaction_removed`: one person's reaction, live. */
export interface ReactionEventDto {
  chatId: string;
  messageId: string;
  emoji: string;
  userId: string;
}

/** The chat's latest reaction, when it is newer than the chat's latest message. */
export interface LastReactionDto {
  userId: string;
  /** Their display name, as plain text (the list's entry carries only a few participants). */
  name: string;
  emoji: string;
  createdAt: string;
  /** The message reacted to. */
  message: MessageDto;
}

export interface ChatDto {
  id: string;
  type: ChatType;
  name: string | null;
  description: string | null;
  avatarUrl: string | null;
  createdById: string | null;
  createdAt: string;
  lastMessageAt: string | null;
  lastSeq: number;
  /** Set once a direct chat is closed (unmatched): nothing more can be sent in it. */
  closedAt: string | null;
  /** Disappearing messages: new messages are deleted for everyone this long after sending; null: off. */
  disappearAfterSeconds: number | null;
  /**
   * Everyone in the chat's details; in the chat list and a sync's new chats,
   * the caller and the earliest others (LISTED_PARTICIPANTS in all).
   */
  participants: ParticipantDto[];
  participantCount: number;
}

export interface ChatListItemDto extends ChatDto {
  lastMessage: MessageDto | null;
  /** What the list shows as "Ann reacted ❤️ to …" when it is the latest activity; null otherwise. */
  lastReaction: LastReactionDto | null;
  unreadCount: number;
  /** Of the unread messages, how many mention the caller (the "mentioned" badge). */
  mentionCount: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SearchHitDto {
  message: MessageDto;
  /** [start, end) character offsets in message.content that matched. */
  highlights: Array<[number, number]>;
  rank: number;
}

/** A message one person deleted for themselves only (message_hidden, to their own sockets). */
export interface HiddenMessageDto {
  chatId: string;
  messageId: string;
  hiddenAt: string;
}

export interface ReadReceiptDto {
  chatId: string;
  userId: string;
  upToSeq: number;
  readAt: string;
}

/** What `sync` answers: everything a reconnecting client missed (lib/chat/sync-changes.ts). */
export interface SyncResult {
  /** Per chat, in seq order: messages after the client's lastSeq. */
  messages: MessageDto[];
  /** Messages at or below the client's lastSeq that were edited, deleted or reacted to since `changedSince`. */
  changed: MessageDto[];
  /** Read watermarks of each chat's participants that moved since `changedSince` (all of them without it). */
  reads: ReadReceiptDto[];
  /** Chats the user is in that the request did not name (up to 100), as the chat list shows them. */
  chats: ChatDto[];
  /** Chat ids from the request the user no longer takes part in. */
  removedChatIds: string[];
  /** Messages of the requested chats the user deleted for themselves since `changedSince`. */
  hidden: HiddenMessageDto[];
  /** Server time to pass as `changedSince` next time. */
  serverTime: string;
  /**
   * More was missed than one sync returns (500 messages a chat, 2,000 in all,
   * 100 new chats): sync again from the new watermarks, or page over REST.
   */
  truncated: boolean;
}
