'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import type { ChatListItemDto } from '@/lib/chat/dto';
import { chatClient } from '@/lib/client/chat-client';
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
    queryFn: async () =>
      unwrap(
        await chatClient().rest.GET('/api/v1/chat/sessions/{id}', {
          params: { path: { id: entry?.id ?? '' } },
        }),
      ),
    enabled: partial,
  });
  if (!entry || !partial || !details.data) return entry;
  const { participants, participantCount } = details.data.chat;
  return { ...entry, participants, participantCount };
}
