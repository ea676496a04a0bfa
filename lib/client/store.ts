// UI state that is not server data: drafts, notices and messages still on
// their way. Connection, typing and presence are the chat client's (@chat/sdk).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { MentionDto } from '../chat/dto';

/**
 * A message of mine not stored yet, as the thread shows it: an outbox send
 * (@chat/sdk), or one still waiting for its uploads before it is queued.
 */
export interface PendingMessage {
  clientMessageId: string;
  chatId: string;
  content: string;
  replyToId: string | null;
  createdAt: string;
  failed: boolean;
  /** Why it failed, when there is more to say than "Not sent" (an upload the server refused). */
  error?: string | null;
  /** Photos, a file or a recording: local upload items (lib/client/uploads.ts), shown until the ack. */
  media?: { type: 'IMAGE' | 'FILE' | 'VOICE'; itemIds: string[] };
  /** Whom it mentions, sent again with a retry. */
  mentions?: MentionDto[];
}

type Media = NonNullable<PendingMessage['media']>;

interface UploadingState {
  /** Media sends waiting for their uploads; they join the outbox once every upload is done. */
  waiting: PendingMessage[];
  /** The local upload items of media sends in the outbox, by clientMessageId: previews until the ack. */
  media: Record<string, Media>;
  addWaiting(p: PendingMessage): void;
  /** Failed (an upload did), or gone: queued in the outbox, or cancelled. */
  settleWaiting(clientMessageId: string, failed: boolean, error?: string): void;
  setMedia(clientMessageId: string, media: Media | null): void;
}

export const useUploading = create<UploadingState>((set) => ({
  waiting: [],
  media: {},
  addWaiting: (p) =>
    set((s) => ({ waiting: [...s.waiting.filter((x) => x.clientMessageId !== p.clientMessageId), p] })),
  settleWaiting: (id, failed, error) =>
    set((s) => ({
      waiting: failed
        ? s.waiting.map((p) => (p.clientMessageId === id ? { ...p, failed: true, error: error ?? null } : p))
        : s.waiting.filter((p) => p.clientMessageId !== id),
    })),
  setMedia: (id, media) =>
    set((s) => {
      const next = { ...s.media };
      if (media) next[id] = media;
      else delete next[id];
      return { media: next };
    }),
}));

interface DraftState {
  drafts: Record<string, string>;
  setDraft(chatId: string, text: string): void;
}

/** Drafts survive a reload, per chat. */
export const useDrafts = create<DraftState>()(
  persist(
    (set) => ({
      drafts: {},
      setDraft: (chatId, text) =>
        set((s) => {
          const drafts = { ...s.drafts };
          if (text) drafts[chatId] = text;
          else delete drafts[chatId];
          return { drafts };
        }),
    }),
    { name: 'chat-drafts' },
  ),
);

interface NoticeState {
  /** A short confirmation ("Copied") read out by the app's one polite status region. */
  notice: { text: string; at: number } | null;
  announce(text: string): void;
}

const NOTICE_MS = 2500;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

export const useNotice = create<NoticeState>((set) => ({
  notice: null,
  announce: (text) => {
    clearTimeout(noticeTimer);
    // `at` makes the same text twice in a row a change, so it is announced again.
    set({ notice: { text, at: Date.now() } });
    noticeTimer = setTimeout(() => set({ notice: null }), NOTICE_MS);
  },
}));
