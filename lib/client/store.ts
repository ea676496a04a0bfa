// Realtime and UI state that is not server data: connection, typing,
// presence, drafts and messages still on their way.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { MentionDto, PresenceStatus } from '../chat/dto';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'offline';

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

interface RealtimeState {
  connection: Connection;
  /** chatId → userId → name of who is typing. */
  typing: Record<string, Record<string, string>>;
  presence: Record<string, { status: PresenceStatus; lastSeenAt: string | null }>;
  pending: PendingMessage[];
  setConnection(c: Connection): void;
  setTyping(chatId: string, userId: string, name: string | null): void;
  setPresence(userId: string, status: PresenceStatus, lastSeenAt: string | null): void;
  addPending(p: PendingMessage): void;
  settlePending(clientMessageId: string, failed: boolean, error?: string): void;
}

const TYPING_EXPIRY_MS = 6000;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

export const useRealtime = create<RealtimeState>((set) => ({
  connection: 'connecting',
  typing: {},
  presence: {},
  pending: [],
  setConnection: (connection) => set({ connection }),
  setTyping: (chatId, userId, name) => {
    // The server ends typing after 3 s; this covers a server that died before it could.
    const key = `${chatId}:${userId}`;
    clearTimeout(typingTimers.get(key));
    typingTimers.delete(key);
    if (name !== null) {
      typingTimers.set(
        key,
        setTimeout(() => useRealtime.getState().setTyping(chatId, userId, null), TYPING_EXPIRY_MS),
      );
    }
    set((s) => {
      const chat = { ...s.typing[chatId] };
      if (name === null) delete chat[userId];
      else chat[userId] = name;
      return { typing: { ...s.typing, [chatId]: chat } };
    });
  },
  setPresence: (userId, status, lastSeenAt) =>
    set((s) => ({ presence: { ...s.presence, [userId]: { status, lastSeenAt } } })),
  addPending: (p) =>
    set((s) => ({ pending: [...s.pending.filter((x) => x.clientMessageId !== p.clientMessageId), p] })),
  settlePending: (id, failed, error) =>
    set((s) => ({
      pending: failed
        ? s.pending.map((p) => (p.clientMessageId === id ? { ...p, failed: true, error: error ?? null } : p))
        : s.pending.filter((p) => p.clientMessageId !== id),
    })),
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
