'use client';

import { pendingMessages, UploadAbortedError, type ChatState, type ErrorBody } from '@chat/sdk';
import { useChatClient, useChatState } from '@chat/sdk/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { splitByKind } from '@/lib/client/media';
import { useDrafts, useUploading, type PendingMessage } from '@/lib/client/store';
import { removeUpload, restoreTray, retryUpload, whenUploaded } from '@/lib/client/uploads';
import { WORD_FILTER_CODES } from './use-word-check';

/** Dispatched on `window` when a send from this tab is stored (its ack came). */
export const MESSAGE_SENT = 'chat:message-sent';

export interface Outgoing {
  content: string;
  replyToId?: string | null;
  media?: PendingMessage['media'];
  mentions?: PendingMessage['mentions'];
}

/** The chat ended under us: a block or a close, whoever did it. */
const ENDED = new Set(['BLOCKED', 'CHAT_CLOSED']);

/**
 * Sending, text or media, through the chat client's outbox: the message shows
 * at once as pending (media from the local bytes, while it waits for its
 * uploads), is queued with one clientMessageId for every try, survives a
 * reload or a dropped connection, and is replaced by the stored copy on the
 * ack. A send the server refuses stays, failed, with Retry and Discard.
 */
export function useSendMessage(options: {
  chatId: string;
  offerCheck(error: ErrorBody, what: { proceed(): void; revise(): void }): boolean;
  /** The chat ended under us (a block or a close). */
  onEnded(): void;
}) {
  const client = useChatClient();
  const { chatId, offerCheck, onEnded } = options;
  const outbox = useChatState((s) => s.outbox);
  const waiting = useUploading((s) => s.waiting);
  const media = useUploading((s) => s.media);

  const send = useCallback(
    (out: Outgoing, clientMessageId: string = crypto.randomUUID()) => {
      const replyToId = out.replyToId ?? null;
      const input = {
        content: out.content,
        clientMessageId,
        ...(replyToId && { replyToId }),
        ...(out.mentions?.length && { mentions: out.mentions }),
      };
      const outMedia = out.media;
      if (!outMedia) {
        client.messages.send(chatId, input);
        return;
      }
      const uploading = useUploading.getState();
      uploading.addWaiting({
        clientMessageId,
        chatId,
        content: out.content,
        replyToId,
        createdAt: new Date().toISOString(),
        failed: false,
        error: null,
        media: outMedia,
        mentions: out.mentions,
      });
      const stillWaiting = () =>
        useUploading.getState().waiting.some((p) => p.clientMessageId === clientMessageId && !p.failed);
      void (async () => {
        let parts: ReturnType<typeof splitByKind>;
        try {
          parts = splitByKind(outMedia.type, await Promise.all(outMedia.itemIds.map(whenUploaded)));
        } catch (e) {
          // Cancelled from the pending message: it is gone already.
          if (e instanceof UploadAbortedError) return;
          if (stillWaiting())
            uploading.settleWaiting(clientMessageId, true, e instanceof Error ? e.message : undefined);
          return;
        }
        if (!stillWaiting()) return;
        const [main, ...extra] = parts;
        // Uploaded: into the outbox, the local previews staying until the ack.
        uploading.setMedia(clientMessageId, outMedia);
        uploading.settleWaiting(clientMessageId, false);
        client.messages.send(chatId, { ...input, ...(main && { type: main.type, attachmentIds: main.ids }) });
        // Attachments of another kind than planned go as messages of their own, after it.
        for (const part of extra) {
          client.messages.send(chatId, { content: '', type: part.type, attachmentIds: part.ids });
        }
      })();
    },
    [client, chatId],
  );

  // The outbox's sends of this chat, and those still uploading, as the thread shows them.
  const pending = useMemo<PendingMessage[]>(() => {
    const queued = pendingMessages({ ...client.store.getState(), outbox } as ChatState, chatId)
      // Held back by the word filter: asked about, not shown as failed.
      .filter((p) => !(p.status === 'failed' && p.error && WORD_FILTER_CODES.has(p.error.code)))
      .map((p) => ({
        clientMessageId: p.clientMessageId,
        chatId,
        content: p.content,
        replyToId: p.replyToId,
        createdAt: p.createdAt,
        failed: p.status === 'failed',
        error: media[p.clientMessageId] && p.error ? p.error.message : null,
        media: media[p.clientMessageId],
        mentions: p.mentions,
      }));
    return [...waiting.filter((p) => p.chatId === chatId), ...queued];
  }, [client, outbox, waiting, media, chatId]);

  // A refusal is answered once: the word filter asks, an ended chat says so.
  const answered = useRef(new Set<string>());
  useEffect(() => {
    for (const item of outbox) {
      if (item.kind !== 'send' || item.chatId !== chatId || item.status !== 'failed' || !item.error) continue;
      if (answered.current.has(item.id)) continue;
      answered.current.add(item.id);
      const id = item.id;
      const error = item.error;
      if (WORD_FILTER_CODES.has(error.code)) {
        const { content = '' } = item.payload as { content?: string };
        const local = useUploading.getState().media[id];
        offerCheck(error, {
          proceed: () => {
            answered.current.delete(id);
            client.messages.retry(id, { confirmed: true });
          },
          revise: () => {
            client.messages.discard(id);
            const { drafts, setDraft } = useDrafts.getState();
            if (!drafts[chatId]) setDraft(chatId, content);
            if (local) {
              useUploading.getState().setMedia(id, null);
              if (local.type !== 'VOICE') restoreTray(chatId, local.itemIds);
            }
          },
        });
      } else if (ENDED.has(error.code)) onEnded();
    }
  }, [outbox, chatId, client, offerCheck, onEnded]);

  /** Tries a failed message again: failed uploads first, then the send, with the same clientMessageId. */
  const retry = useCallback(
    (p: PendingMessage) => {
      const held = useUploading.getState().waiting.find((w) => w.clientMessageId === p.clientMessageId);
      if (!held) {
        answered.current.delete(p.clientMessageId);
        client.messages.retry(p.clientMessageId);
        return;
      }
      for (const id of held.media?.itemIds ?? []) retryUpload(id);
      send(
        { content: held.content, replyToId: held.replyToId, media: held.media, mentions: held.mentions },
        held.clientMessageId,
      );
    },
    [client, send],
  );

  /** Gives up on a message still uploading, queued or failed: its uploads stop and it leaves the list. */
  const discard = useCallback(
    (p: PendingMessage) => {
      const uploading = useUploading.getState();
      uploading.settleWaiting(p.clientMessageId, false);
      uploading.setMedia(p.clientMessageId, null);
      client.messages.discard(p.clientMessageId);
      for (const id of p.media?.itemIds ?? []) removeUpload(id);
    },
    [client],
  );

  return { send, retry, discard, pending };
}
