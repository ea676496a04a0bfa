'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { EditedMessageDto, MessageDto } from '@/lib/chat/dto';
import { CHAT_LIST_KEY, chatClient } from '@/lib/client/chat-client';
import { storedMessages, type ChatState } from '@chat/sdk';
import { useUploading } from '@/lib/client/store';
import { releaseUploads } from '@/lib/client/uploads';
import { MESSAGE_SENT } from './use-send-message';
import { BLOCKS_KEY } from './use-blocks';
import { NOTICES_KEY } from './platform-notices';
import { messageKey } from './reply-quote';
import { INVITATIONS_KEY, SETTINGS_KEY } from '../privacy/use-settings';
import { applyExportProgress, EXPORTS_KEY } from '../exports/use-exports';

/**
 * The chat client's store keeps chats, messages, receipts, typing and
 * presence live by itself (@chat/sdk). This wires the server events that
 * touch what it does not hold: REST state in React Query (chat details,
 * blocks, settings, notices, exports, invitations), a quoted original fetched
 * on its own, and this tab's uploads, whose local previews go once their
 * message is stored. After a reconnect the session could not recover, it
 * refetches that REST state, so the screen catches up without a reload.
 */
export function useServerEvents(meId: string) {
  const qc = useQueryClient();
  const router = useRouter();

  useEffect(() => {
    const client = chatClient();
    const socket = client.socket;
    let connectedBefore = false;
    const onConnect = () => {
      if (connectedBefore && !socket.recovered) void qc.invalidateQueries();
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
        const res = await client.rest.GET('/api/v1/users/me').catch(() => null);
        if (res?.response.status === 401) {
          router.replace('/sign-in');
          return;
        }
        if (res?.response.ok) {
          socket.connect();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    };
    // A quoted original fetched by id follows its edits and deletion.
    const onChanged = (m: EditedMessageDto) =>
      qc.setQueryData<{ message: MessageDto }>(messageKey(m.id), (data) =>
        data
          ? { message: { ...data.message, ...m, reactions: m.deletedAt ? [] : data.message.reactions } }
          : data,
      );
    const refreshDetails = () => void qc.invalidateQueries({ queryKey: ['chat-details'] });
    const invalidate = (queryKey: readonly unknown[]) => () => void qc.invalidateQueries({ queryKey });

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    const stops = [
      client.on('message_edited', onChanged),
      client.on('message_deleted', onChanged),
      client.on('chat_updated', refreshDetails),
      client.on('participant_left', refreshDetails),
      client.on('user_left_chat', refreshDetails),
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
        void qc.invalidateQueries({ queryKey: CHAT_LIST_KEY });
        refreshDetails();
      }),
      client.on('group_invitation', invalidate(INVITATIONS_KEY)),
      client.on('group_invitation_closed', invalidate(INVITATIONS_KEY)),
    ];
    // A send of this tab's left the outbox (stored, or discarded): the local
    // previews of its media go, and a stored one is announced (push-prompt).
    const sendsIn = (outbox: ChatState['outbox']) =>
      new Map(outbox.flatMap((i) => (i.kind === 'send' ? [[i.id, i.chatId] as const] : [])));
    let outbox = client.store.getState().outbox;
    let sends = sendsIn(outbox);
    const stopSends = client.store.subscribe(() => {
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
        const stored = storedMessages(state, chatId).some(
          (m) => m.clientMessageId === id && m.senderId === meId,
        );
        if (stored) window.dispatchEvent(new Event(MESSAGE_SENT));
      }
      sends = now;
    });
    if (socket.connected) onConnect();
    return () => {
      stopSends();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      for (const stop of stops) stop();
    };
  }, [qc, meId, router]);
}
