'use client';

import { unwrap } from '@chat/sdk';
import { useChatState } from '@chat/sdk/react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ChatListItemDto } from '@/lib/chat/dto';
import { chatClient } from '@/lib/client/chat-client';

/** A chat's details: all its participants, where the list entry has only a few. */
export const chatDetailsKey = (chatId: string) => ['chat-details', chatId] as const;

/**
 * The open chat with all its participants. A list entry carries only a few
 * of a group's members; the thread needs everyone (names, receipts, the
 * member panel), so it loads the chat's details when the entry is partial.
 * Their read watermarks move on with the receipts the client's store hears.
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
  const receipts = useChatState((s) => (entry ? s.receipts[entry.id] : undefined));
  const all = partial ? details.data?.chat : undefined;
  return useMemo(() => {
    if (!entry || !all) return entry;
    const participants = all.participants.map((p) => {
      const seen = receipts?.[p.id];
      return seen
        ? {
            ...p,
            lastReadSeq: Math.max(p.lastReadSeq, seen.lastReadSeq),
            lastDeliveredSeq: Math.max(p.lastDeliveredSeq, seen.lastDeliveredSeq),
          }
        : p;
    });
    return { ...entry, participants, participantCount: all.participantCount };
  }, [entry, all, receipts]);
}
