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
import { chatClient } from '@/lib/client/chat-client';
import { storedMessages, type ChatState } from '@chat/sdk';
import { useUploading } from '@/lib/client/store';
import { releaseUploads } from '@/lib/client/uploads';
import { MESSAGE_SENT } from './use-send-message';
import { BLOCKS_KEY } from './use-blocks';
import { NOTICES_KEY } from './platform-notices';
import { INVITATIONS_KEY, SETTINGS_KEY } from '../privacy/use-settings';
import { applyExportProgress, EXPORTS_KEY } from '../exports/use-exports';

/**
 * Wires the chat client's server events into React Query (messages, chats,
 * receipts, and the REST-only state they touch). Connection, typing and
 * presence live in the client's own store. After a reconnect it refetches
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
    const client = chatClient();
    const socket = client.socket;
    let connectedBefore = false;
    const onConnect = () => {
      if (connectedBefore && !socket.recovered) void qc.invalidateQueries();
      // The list may be a snapshot from before this socket joined its rooms
      // (the page preloads it): what came in between shows after this refetch.
      else if (!connectedBefore) void qc.invalidateQueries({ queryKey: chatsKey });
      connectedBefore = true;
    };
    // The server closed this connection on purpose: signed out elsewhere,
    // suspended or banned (sign-in says why), or the server stopping (the
    // client's watchdog connects again once it is back).
    const onDisconnect = (reason: string) => {
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
    const onMessage = (m: Parameters<typeof applyMessage>[1]) =>
      applyMessage(qc, m, { meId, openChatId: open.current });
    const onChanged = (m: Parameters<typeof applyMessage>[1]) => {
      onMessage(m);
      if (mentionMayHaveChanged(qc, m, { meId, openChatId: open.current })) {
        void qc.invalidateQueries({ queryKey: chatsKey });
      }
    };
    const refreshChats = () => {
      void qc.invalidateQueries({ queryKey: chatsKey });
      void qc.invalidateQueries({ queryKey: ['chat-details'] });
    };
    const invalidate = (queryKey: readonly unknown[]) => () => void qc.invalidateQueries({ queryKey });

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    const stops = [
      client.on('message_received', onMessage),
      client.on('message_edited', onChanged),
      client.on('message_deleted', onChanged),
      client.on('message_hidden', (hidden) => applyHidden(qc, hidden)),
      client.on('messages_read', (r) => applyRead(qc, r, meId)),
      client.on('reaction_added', (r) => applyReaction(qc, r, true)),
      client.on('reaction_removed', (r) => applyReaction(qc, r, false)),
      client.on('chat_created', refreshChats),
      client.on('chat_updated', refreshChats),
      client.on('chat_deleted', refreshChats),
      client.on('participant_left', refreshChats),
      client.on('chat_closed', ({ chatId, closedAt }) => applyChatClosed(qc, chatId, closedAt)),
      // A message from the moderators: a report's outcome, a warning.
      client.on('notice', invalidate(NOTICES_KEY)),
      // An export of this person's moved on, or is ready to download (components/exports).
      client.on('export_progress', ({ exportId, progress }) => applyExportProgress(qc, exportId, progress)),
      client.on('export_ready', invalidate(EXPORTS_KEY)),
      client.on('export_failed', invalidate(EXPORTS_KEY)),
      // This person blocked or unblocked someone in another tab.
      client.on('user_blocked', invalidate(BLOCKS_KEY)),
      client.on('user_unblocked', invalidate(BLOCKS_KEY)),
      // Privacy settings changed in another tab: what others' reads and presence
      // the server shows may have changed (the SDK forgets the presence it heard).
      client.on('settings_updated', (settings) => {
        qc.setQueryData(SETTINGS_KEY, settings);
        refreshChats();
      }),
      client.on('group_invitation', invalidate(INVITATIONS_KEY)),
      client.on('group_invitation_closed', invalidate(INVITATIONS_KEY)),
    ];
    // An outbox send acknowledged (from this tab, or queued before a reload):
    // its stored copy goes into the thread and the list.
    const sendsIn = (outbox: ChatState['outbox']) =>
      new Map(outbox.flatMap((i) => (i.kind === 'send' ? [[i.id, i.chatId] as const] : [])));
    let outbox = client.store.getState().outbox;
    let sends = sendsIn(outbox);
    const stopAcks = client.store.subscribe(() => {
      const state = client.store.getState();
      // Most changes are incoming events; only the outbox's own changes settle sends.
      if (state.outbox === outbox) return;
      outbox = state.outbox;
      const now = sendsIn(outbox);
      for (const [id, chatId] of sends) {
        if (now.has(id)) continue;
        const uploading = useUploading.getState();
        const local = uploading.media[id];
        if (local) {
          releaseUploads(local.itemIds);
          uploading.setMedia(id, null);
        }
        const stored = storedMessages(state, chatId).find(
          (m) => m.clientMessageId === id && m.senderId === meId,
        );
        if (!stored) continue;
        applyMessage(qc, stored, { meId, openChatId: open.current });
        window.dispatchEvent(new Event(MESSAGE_SENT));
      }
      sends = now;
    });
    if (socket.connected) onConnect();
    return () => {
      stopAcks();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      for (const stop of stops) stop();
    };
  }, [qc, meId, router]);
}
