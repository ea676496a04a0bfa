'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '@/lib/client/api';
import { splitByKind } from '@/lib/client/media';
import { applyMessage } from '@/lib/client/cache';
import { chatClient } from '@/lib/client/chat-client';
import { useDrafts, useNotice, useRealtime, type PendingMessage } from '@/lib/client/store';
import { ABORTED } from '@/lib/client/upload';
import { releaseUploads, removeUpload, restoreTray, retryUpload, whenUploaded } from '@/lib/client/uploads';
import type { ErrorBody } from '@/lib/errors';

type MediaType = NonNullable<PendingMessage['media']>['type'];

/** Dispatched on `window` when a send from this tab is stored (its ack came). */
export const MESSAGE_SENT = 'chat:message-sent';

export interface Outgoing {
  content: string;
  clientMessageId?: string;
  replyToId?: string | null;
  /** After an "Are you sure?": send the flagged word anyway. */
  confirmed?: boolean;
  media?: PendingMessage['media'];
  mentions?: PendingMessage['mentions'];
}

/**
 * Sending, text or media: the message shows at once as pending (media from
 * the local bytes), waits for its uploads, goes out over the socket with
 * the same clientMessageId on every try, and is replaced by the stored copy
 * on the ack.
 */
export function useSendMessage(options: {
  chatId: string;
  meId: string;
  offerCheck(error: ErrorBody, what: { proceed(): void; revise(): void }): boolean;
  /** The chat ended under us (a block or a close). */
  onEnded(): void;
}) {
  const qc = useQueryClient();
  const { chatId, meId, offerCheck, onEnded } = options;

  const send = useCallback(
    function send(out: Outgoing) {
      const clientMessageId = out.clientMessageId ?? crypto.randomUUID();
      const replyToId = out.replyToId ?? null;
      const rt = useRealtime.getState();
      rt.addPending({
        clientMessageId,
        chatId,
        content: out.content,
        replyToId,
        createdAt: new Date().toISOString(),
        failed: false,
        error: null,
        media: out.media,
        mentions: out.mentions,
      });
      const stillPending = () =>
        useRealtime.getState().pending.some((p) => p.clientMessageId === clientMessageId);

      const emit = (payload: {
        content: string;
        clientMessageId: string;
        type?: MediaType;
        attachmentIds?: string[];
        replyToId?: string | null;
        mentions?: PendingMessage['mentions'];
      }) =>
        chatClient()
          .socket.timeout(10_000)
          .emitWithAck('send_message', {
            chatId,
            content: payload.content,
            clientMessageId: payload.clientMessageId,
            ...(payload.type && { type: payload.type }),
            ...(payload.attachmentIds && { attachmentIds: payload.attachmentIds }),
            ...(payload.replyToId && { replyToId: payload.replyToId }),
            ...(payload.mentions?.length && { mentions: payload.mentions }),
            ...(out.confirmed && { confirmed: true }),
          });

      const deliver = async () => {
        let parts: { type?: MediaType; ids?: string[] }[] = [{}];
        if (out.media) {
          try {
            const answers = await Promise.all(out.media.itemIds.map(whenUploaded));
            parts = splitByKind(out.media.type, answers);
          } catch (e) {
            // Cancelled from the pending message: it is gone already.
            if (e instanceof ApiError && e.code === ABORTED) return;
            if (stillPending()) {
              rt.settlePending(clientMessageId, true, e instanceof Error ? e.message : undefined);
            }
            return;
          }
          if (!stillPending()) return;
        }
        const [main, ...extra] = parts;
        const res = await emit({
          content: out.content,
          clientMessageId,
          type: main?.type,
          attachmentIds: main?.ids,
          replyToId,
          mentions: out.mentions,
        }).catch(() => null);
        if (!res) return rt.settlePending(clientMessageId, true);
        if (!res.ok) {
          // Held back by the word filter: nothing was stored, so it leaves the list rather than failing.
          const held = offerCheck(res.error, {
            // The same clientMessageId: a send that did get through is found, not repeated.
            proceed: () => send({ ...out, clientMessageId, confirmed: true }),
            revise: () => {
              const { drafts, setDraft } = useDrafts.getState();
              if (!drafts[chatId]) setDraft(chatId, out.content);
              if (out.media && out.media.type !== 'VOICE') restoreTray(chatId, out.media.itemIds);
            },
          });
          if (held) return rt.settlePending(clientMessageId, false);
          if (res.error.code === 'BLOCKED' || res.error.code === 'CHAT_CLOSED') onEnded();
          return rt.settlePending(clientMessageId, true, out.media ? res.error.message : undefined);
        }
        applyMessage(qc, res.data, { meId, openChatId: chatId });
        rt.settlePending(clientMessageId, false);
        window.dispatchEvent(new Event(MESSAGE_SENT));
        if (out.media) releaseUploads(out.media.itemIds);
        for (const part of extra) {
          const more = await emit({
            content: '',
            clientMessageId: crypto.randomUUID(),
            type: part.type,
            attachmentIds: part.ids,
          }).catch(() => null);
          if (more?.ok) applyMessage(qc, more.data, { meId, openChatId: chatId });
          else
            useNotice.getState().announce(more?.ok === false ? more.error.message : 'A file was not sent.');
        }
      };
      void deliver();
    },
    [qc, meId, chatId, offerCheck, onEnded],
  );

  /** Tries a failed message again: failed uploads first, then the send, with the same clientMessageId. */
  const retry = useCallback(
    (p: PendingMessage) => {
      for (const id of p.media?.itemIds ?? []) retryUpload(id);
      send({
        content: p.content,
        clientMessageId: p.clientMessageId,
        replyToId: p.replyToId,
        media: p.media,
        mentions: p.mentions,
      });
    },
    [send],
  );

  /** Gives up on a message still uploading (or failed): its uploads stop and it leaves the list. */
  const cancel = useCallback((p: PendingMessage) => {
    useRealtime.getState().settlePending(p.clientMessageId, false);
    for (const id of p.media?.itemIds ?? []) removeUpload(id);
  }, []);

  return { send, retry, cancel };
}
