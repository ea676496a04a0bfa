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

export interface MessageDto {
  id: string;
  chatId: string;
  senderId: string | null;
  seq: number;
  type: MessageType;
  /** Empty for a deleted message. */
  content: string;
  attachments: unknown;
  replyToId: string | null;
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
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
