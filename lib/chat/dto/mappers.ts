// Database rows (from Prisma or raw SQL, which share column names) to the
// DTOs the services return.
import type {
  AttachmentDto,
  ChatDto,
  ChatType,
  LinkPreviewDto,
  MentionDto,
  MessageDto,
  MessageType,
  ParticipantDto,
  PresenceStatus,
  Role,
} from '.';

export interface MessageRow {
  id: string;
  chatId: string;
  seq: number;
  senderId: string | null;
  type: MessageType;
  content: string;
  /** JSON: the AttachmentDto list written when the message was sent. */
  attachments: unknown;
  replyToId: string | null;
  clientMessageId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  /** Absent from queries that do not select it. */
  flagged?: boolean;
  /** JSON: the LinkPreviewDto stored once fetched; absent from queries that do not select it. */
  linkPreview?: unknown;
  /** Absent from queries that do not select it. */
  expiresAt?: Date | null;
  /** Absent from queries that do not select it. */
  forwarded?: boolean;
  /** JSON: the MentionDto list the message was sent or last edited with; absent when not selected. */
  mentions?: unknown;
}

export interface ChatRow {
  id: string;
  type: ChatType;
  name: string | null;
  description: string | null;
  avatarUrl: string | null;
  createdById: string | null;
  createdAt: Date;
  lastMessageAt: Date | null;
  lastSeq: number;
  closedAt: Date | null;
  disappearAfterSeconds: number | null;
}

export interface ParticipantRow {
  chatId: string;
  userId: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  joinedAt: Date;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  presenceStatus: string | null;
  lastSeenAt: Date | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toMessageDto(row: MessageRow): MessageDto {
  return {
    id: row.id,
    chatId: row.chatId,
    senderId: row.senderId,
    seq: row.seq,
    type: row.type,
    // A tombstone never carries what was deleted, even if a row is caught mid-way.
    content: row.deletedAt ? '' : row.content,
    attachments: row.deletedAt ? null : ((row.attachments as AttachmentDto[] | null) ?? null),
    replyToId: row.replyToId,
    clientMessageId: row.clientMessageId,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
    flagged: row.flagged ?? false,
    // Who reacted depends on who asks: lib/chat/store/reactions.ts fills them in per viewer.
    reactions: [],
    linkPreview: row.deletedAt ? null : ((row.linkPreview as LinkPreviewDto | null | undefined) ?? null),
    expiresAt: iso(row.expiresAt ?? null),
    forwarded: row.forwarded ?? false,
    mentions: row.deletedAt ? [] : ((row.mentions as MentionDto[] | null | undefined) ?? []),
  };
}

export function toParticipantDto(row: ParticipantRow): ParticipantDto {
  return {
    id: row.userId,
    name: row.name,
    avatarUrl: row.avatarUrl,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
    lastReadSeq: row.lastReadSeq,
    lastDeliveredSeq: row.lastDeliveredSeq,
    presence: {
      // No presence row yet means the user has never been seen online.
      status: (row.presenceStatus?.toLowerCase() ?? 'offline') as PresenceStatus,
      lastSeenAt: iso(row.lastSeenAt),
    },
  };
}

/** `participants` may be the few a list shows; `participantCount` is how many there are. */
export function toChatDto(row: ChatRow, participants: ParticipantDto[], participantCount: number): ChatDto {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    description: row.description,
    avatarUrl: row.avatarUrl,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: iso(row.lastMessageAt),
    lastSeq: row.lastSeq,
    closedAt: iso(row.closedAt),
    disappearAfterSeconds: row.disappearAfterSeconds,
    participants,
    participantCount,
  };
}
