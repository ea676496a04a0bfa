import type { ChatDto, ParticipantDto } from '@/lib/chat/dto';

/** The other person in a DM, or null for a group. */
export function peerOf(chat: ChatDto, meId: string): ParticipantDto | null {
  if (chat.type !== 'DIRECT') return null;
  return chat.participants.find((p) => p.id !== meId) ?? null;
}

export function titleOf(chat: ChatDto, meId: string): string {
  return chat.type === 'GROUP' ? (chat.name ?? 'Group') : (peerOf(chat, meId)?.name ?? 'Direct chat');
}

/** How a sender is named in quotes and the reply bar: "You" for me, "Someone" for a name not loaded. */
export function senderName(names: Map<string, string>, meId: string, id: string | null): string {
  return id === meId ? 'You' : (names.get(id ?? '') ?? 'Someone');
}
