'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import {
  applyChatClosed,
  applyHidden,
  applyMessage,
  applyReaction,
  applyRead,
  chatsKey,
  mentionMayHaveChanged,
} from '@/lib/client/cache';
import { browserSocket } from '@/lib/client/socket';
import { useRealtime } from '@/lib/client/store';
import { BLOCKS_KEY } from './use-blocks';
import { NOTICES_KEY } from './platform-notices';
import { INVITATIONS_KEY, SETTINGS_KEY } from '../privacy/use-settings';
import { applyExportProgress, EXPORTS_KEY } from '../exports/use-exports';

/**
 * Wires the tab's one socket into React Query (messages, chats, receipts)
 * and zustand (connection, typing, presence). After a reconnect it refetches
 * what is on screen, so the UI catches up without a reload.
 */
export function useRealtimeSync(meId: string, openChatId: string | null) {
  const qc = useQueryClient();
  const router = useRouter();
  const open = useRef(openChatId);
  useEffect(() => {
    open.current = openChatId;
  }, [openChatId]);

  useEffect(() => {
    const socket = browserSocket();
    const rt = useRealtime.getState();
    let connectedBefore = false;
    const onConnect = () => {
      rt.setConnection('online');
      if (connectedBefore && !socket.recovered) void qc.invalidateQueries();
      // The list may be a snapshot from before this socket joined its rooms
      // (the page preloads it): what came in between shows after this refetch.
      else if (!connectedBefore) void qc.invalidateQueries({ queryKey: chatsKey });
      connectedBefore = true;
    };
    const onDisconnect = (reason: string) => {
      rt.setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      // The server closed this connection on purpose and the client will not
      // reconnect by itself: signed out elsewhere, suspended or banned (sign-in
      // says why), or the server stopping (connect again once it is back).
      if (reason === 'io server disconnect') void afterServerDisconnect();
    };
    const afterServerDisconnect = async () => {
      for (let wait = 1000; !socket.connected; wait = Math.min(wait * 2, 30_000)) {
        const res = await fetch('/api/v1/users/me', { credentials: 'same-origin' }).catch(() => null);
        if (res?.status === 401) {
          router.replace('/sign-in');
          return;
        }
        if (res?.ok) {
          socket.connect();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    };
    const onMessage = (m: Parameters<typeof applyMessage>[1]) => {
      applyMessage(qc, m, { meId, openChatId: open.current });
      // The stored copy replaces the optimistic one in the same render.
      if (m.senderId === meId && m.clientMessageId) rt.settlePending(m.clientMessageId, false);
      if (m.senderId) rt.setTyping(m.chatId, m.senderId, null);
    };
    const refreshChats = () => {
      void qc.invalidateQueries({ queryKey: chatsKey });
      void qc.invalidateQueries({ queryKey: ['chat-details'] });
    };

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.io.on('reconnect_attempt', () => rt.setConnection('reconnecting'));
    socket.on('message_received', onMessage);
    const onChanged = (m: Parameters<typeof applyMessage>[1]) => {
      onMessage(m);
      if (mentionMayHaveChanged(qc, m, { meId, openChatId: open.current })) {
        void qc.invalidateQueries({ queryKey: chatsKey });
      }
    };
    socket.on('message_edited', onChanged);
    socket.on('message_deleted', onChanged);
    socket.on('message_hidden', (hidden) => applyHidden(qc, hidden));
    socket.on('messages_read', (r) => applyRead(qc, r, meId));
    socket.on('reaction_added', (r) => applyReaction(qc, r, true));
    socket.on('reaction_removed', (r) => applyReaction(qc, r, false));
    socket.on('user_typing', ({ chatId, userId, name }) => rt.setTyping(chatId, userId, name));
    socket.on('user_stopped_typing', ({ chatId, userId }) => rt.setTyping(chatId, userId, null));
    socket.on('user_online', ({ userId }) => rt.setPresence(userId, 'online', null));
    socket.on('user_offline', ({ userId, lastSeenAt }) => rt.setPresence(userId, 'offline', lastSeenAt));
    socket.on('presence_update', ({ userId, status, lastSeenAt }) =>
      rt.setPresence(userId, status, lastSeenAt),
    );
    socket.on('chat_created', refreshChats);
    socket.on('chat_updated', refreshChats);
    socket.on('chat_deleted', refreshChats);
    socket.on('participant_left', refreshChats);
    socket.on('chat_closed', ({ chatId, closedAt }) => applyChatClosed(qc, chatId, closedAt));
    // A message from the moderators: a report's outcome, a warning.
    socket.on('notice', () => void qc.invalidateQueries({ queryKey: NOTICES_KEY }));
    // An export of this person's moved on, or is ready to download (components/exports).
    socket.on('export_progress', ({ exportId, progress }) => applyExportProgress(qc, exportId, progress));
    socket.on('export_ready', () => void qc.invalidateQueries({ queryKey: EXPORTS_KEY }));
    socket.on('export_failed', () => void qc.invalidateQueries({ queryKey: EXPORTS_KEY }));
    // This person blocked or unblocked someone in another tab.
    socket.on('user_blocked', () => void qc.invalidateQueries({ queryKey: BLOCKS_KEY }));
    socket.on('user_unblocked', () => void qc.invalidateQueries({ queryKey: BLOCKS_KEY }));
    // Privacy settings changed in another tab: what others' reads and presence
    // the server shows may have changed, so fetch them again.
    socket.on('settings_updated', (settings) => {
      qc.setQueryData(SETTINGS_KEY, settings);
      useRealtime.setState({ presence: {} });
      refreshChats();
    });
    socket.on('group_invitation', () => void qc.invalidateQueries({ queryKey: INVITATIONS_KEY }));
    socket.on('group_invitation_closed', () => void qc.invalidateQueries({ queryKey: INVITATIONS_KEY }));
    if (socket.connected) onConnect();
    return () => {
      socket.removeAllListeners();
      socket.io.removeAllListeners('reconnect_attempt');
    };
  }, [qc, meId, router]);
}
