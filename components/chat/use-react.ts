'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MessageDto } from '@/lib/chat/dto';
import { unwrap } from '@chat/sdk';
import { errorMessage } from '@/lib/client/rest';
import { applyReaction, applyReactions } from '@/lib/client/cache';
import { chatClient } from '@/lib/client/chat-client';
import { useNotice } from '@/lib/client/store';
import type { AckResponse } from '@/lib/realtime/events';

/**
 * Toggles my reaction: shown at once (a reaction is mine alone to add or
 * take back, so the guess is safe), then the server's answer replaces the
 * message's reactions, or the change is undone and the refusal said.
 * Over the socket when it is connected, over REST otherwise.
 */
export function useReact(meId: string) {
  const qc = useQueryClient();
  return useCallback(
    (m: MessageDto, emoji: string) => {
      const on = !m.reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));
      const change = { chatId: m.chatId, messageId: m.id, emoji, userId: meId };
      applyReaction(qc, change, on);
      const settle = (res: AckResponse<MessageDto>) => {
        if (res.ok) return applyReactions(qc, res.data);
        applyReaction(qc, change, !on);
        useNotice.getState().announce(res.error.message);
      };
      const socket = chatClient().socket;
      if (socket.connected) {
        socket.emit(on ? 'add_reaction' : 'remove_reaction', { messageId: m.id, emoji }, settle);
        return;
      }
      const { rest } = chatClient();
      const init = { params: { path: { id: m.id, emoji } } };
      const reaction = '/api/v1/chat/messages/{id}/reactions/{emoji}';
      (on ? rest.PUT(reaction, init) : rest.DELETE(reaction, init)).then(unwrap).then(
        ({ message }) => settle({ ok: true, data: message }),
        (e: unknown) =>
          settle({
            ok: false,
            error: { code: 'INTERNAL', message: errorMessage(e, 'Could not react. Try again.') },
          }),
      );
    },
    [qc, meId],
  );
}
