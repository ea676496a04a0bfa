'use client';

import { useChatClient } from '@chat/sdk/react';
import { useCallback } from 'react';
import type { MessageDto } from '@/lib/chat/dto';
import { useNotice } from '@/lib/client/store';

/**
 * Toggles my reaction through the chat client: shown at once (a reaction is
 * mine alone to add or take back, so the guess is safe), then the server's
 * answer replaces the message's reactions, or the change is undone and the
 * refusal said. Over the socket when it is connected, over REST otherwise.
 */
export function useReact(meId: string) {
  const client = useChatClient();
  return useCallback(
    (m: MessageDto, emoji: string) => {
      const on = !m.reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));
      void client.messages.react(m.id, emoji, on).then((answer) => {
        if (!answer.ok) useNotice.getState().announce(answer.error.message);
      });
    },
    [client, meId],
  );
}
