// What the chat services return: plain JSON-ready objects, never Prisma rows.
// Shared by REST responses, socket events and the web app.

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
  /** People the text mentions (groups only), in offset order; empty when none and once deleted. */
  mentions: MentionDto[];
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
  /**
   * Everyone in the chat's details; in the chat list and a sync's new chats,
   * the caller and the earliest others (LISTED_PARTICIPANTS in all).
   */
  participants: ParticipantDto[];
  participantCount: number;
}

export interface ChatListItemDto extends ChatDto {
  lastMessage: MessageDto | null;
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
