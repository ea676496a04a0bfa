// Builders for the SDK's unit tests: DTOs as the server sends them.
import type { ChatDto, MessageDto } from '../protocol/index.js';

export const ME = '00000000-0000-4000-8000-000000000001';
export const ANN = '00000000-0000-4000-8000-000000000002';

export function message(chatId: string, seq: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `${chatId}-m${seq}`,
    chatId,
    senderId: ANN,
    seq,
    type: 'TEXT',
    content: `message ${seq}`,
    attachments: null,
    replyToId: null,
    clientMessageId: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    flagged: false,
    reactions: [],
    linkPreview: null,
    expiresAt: null,
    forwarded: false,
    mentions: [],
    ...over,
  };
}

export function chat(id: string, lastSeq: number, over: Partial<ChatDto> = {}): ChatDto {
  return {
    id,
    type: 'DIRECT',
    name: null,
    description: null,
    avatarUrl: null,
    createdById: ME,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastMessageAt: null,
    lastSeq,
    closedAt: null,
    disappearAfterSeconds: null,
    participants: [ME, ANN].map((pid) => ({
      id: pid,
      name: pid === ME ? 'Me' : 'Ann',
      avatarUrl: null,
      role: 'MEMBER' as const,
      joinedAt: '2026-01-01T00:00:00.000Z',
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
      presence: { status: 'offline' as const, lastSeenAt: null },
    })),
    participantCount: 2,
    ...over,
  };
}
