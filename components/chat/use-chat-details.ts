'use client';

import { useQuery } from '@tanstack/react-query';
import type { ChatDto, ChatListItemDto } from '@/lib/chat/dto';
import { api } from '@/lib/client/api';
import { chatDetailsKey } from '@/lib/client/cache';

/**
 * The open chat with all its participants. A list entry carries only a few
 * of a group's members; the thread needs everyone (names, receipts, the
 * member panel), so it loads the chat's details when the entry is partial.
 */
export function useChatDetails(entry: ChatListItemDto | null): ChatListItemDto | null {
  const partial = entry !== null && entry.participants.length < entry.participantCount;
  const details = useQuery({
    queryKey: chatDetailsKey(entry?.id ?? ''),
    queryFn: () => api<{ chat: ChatDto }>(`/chat/sessions/${entry?.id ?? ''}`),
    enabled: partial,
  });
  if (!entry || !partial || !details.data) return entry;
  const { participants, participantCount } = details.data.chat;
  return { ...entry, participants, participantCount };
}
