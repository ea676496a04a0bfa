// The SDK's public types: the client, its options, its state and its outbox.
import type { Client } from 'openapi-fetch';
import type { Socket } from 'socket.io-client';
import type {
  AckResponse,
  ChatDto,
  ChatListItemDto,
  ClientToServerEvents,
  ErrorBody,
  HiddenMessageDto,
  MentionDto,
  MessageDto,
  PresenceStatus,
  ServerToClientEvents,
} from './protocol/index.js';
import type { paths } from './rest/schema.js';
import type { UploadAnswer, UploadInput } from './upload.js';

export type RestClient = Client<paths>;
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Logger {
  debug?(...args: unknown[]): void;
  warn?(...args: unknown[]): void;
  error?(...args: unknown[]): void;
}

export interface ChatClientOptions {
  /** The server, e.g. "http://127.0.0.1:3000"; "" or location.origin in a browser. */
  baseUrl: string;
  /** A bearer token (POST /api/v1/auth/token or /api/v1/auth/register). */
  token?: string;
  /** Called on every (re)connect and REST call; wins over `token`. */
  getToken?: () => string | Promise<string>;
  /** Browser: authenticate with the web app's session cookie instead of a token. */
  credentials?: 'include';
  /** Where the outbox is kept; memoryStorage() by default. */
  storage?: OutboxStorage;
  logger?: Logger;
  /** Connect at once (default true); otherwise call connect(). */
  autoConnect?: boolean;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';

export interface ChatMessages {
  /** Stored messages only, keyed by seq. */
  bySeq: Record<number, MessageDto>;
  /** Ascending, no duplicates. */
  seqs: number[];
  /** Every existing seq at or below this (from the oldest loaded page up) is known: what sync asks from. */
  syncedSeq: number;
  /** Older history exists before the oldest loaded message. */
  hasMoreBefore: boolean;
  /**
   * The chat's unreadCount covers every message up to this seq (the server's
   * count from the chat list, or where the client started); a message after
   * it counts when it first reaches the store, in whatever order they come.
   */
  countedSeq: number;
}

export interface ChatState {
  me: { id: string } | null;
  connection: ConnectionStatus;
  /** unreadCount, mentionCount, lastMessage and lastSeq kept live. */
  chats: Record<string, ChatListItemDto>;
  /** Most recent activity first. */
  chatOrder: string[];
  messages: Record<string, ChatMessages>;
  /** In order: pending, sending and failed items. */
  outbox: OutboxItem[];
  presence: Record<string, { status: PresenceStatus; lastSeenAt: string | null }>;
  /** chatId → userId → who is typing, until when (ms since epoch). */
  typing: Record<string, Record<string, { name: string; until: number }>>;
  /** chatId → userId → their read and delivered watermarks. */
  receipts: Record<string, Record<string, { lastReadSeq: number; lastDeliveredSeq: number }>>;
}

export interface ChatStore {
  getState(): ChatState;
  subscribe(listener: () => void): () => void;
}

export type OutboxKind = 'send' | 'edit' | 'delete' | 'read';

export interface SendInput {
  content?: string;
  type?: 'TEXT' | 'IMAGE' | 'FILE' | 'VOICE';
  attachmentIds?: string[];
  replyToId?: string;
  mentions?: MentionDto[];
  clientMessageId?: string;
}

/** What each kind of outbox item carries: the socket event's payload. */
export interface OutboxPayloads {
  send: SendInput & { chatId: string; clientMessageId: string; confirmed?: boolean };
  edit: { messageId: string; content: string; mentions?: MentionDto[]; confirmed?: boolean };
  delete: { messageId: string };
  read: { chatId: string; upToMessageId?: string };
}

export interface OutboxItem {
  /** The clientMessageId for a send; a fresh uuid otherwise. */
  id: string;
  kind: OutboxKind;
  chatId: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
  status: 'pending' | 'sending' | 'failed';
  /** The server's reason, when failed. */
  error?: ErrorBody;
}

export interface OutboxStorage {
  load(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
}

export type MessageStatus = 'pending' | 'failed' | 'sent' | 'delivered' | 'read';

/** An outbox send shown as a message: no seq or id from the server yet. */
export interface PendingMessage extends Omit<MessageDto, 'seq' | 'id'> {
  id: string;
  seq: null;
  clientMessageId: string;
  status: 'pending' | 'failed';
  error?: ErrorBody;
}

export interface ChatClient {
  readonly rest: RestClient;
  readonly socket: ChatSocket;
  readonly store: ChatStore;
  /** Loads the outbox from storage and opens the socket; resolves when online. */
  connect(): Promise<void>;
  /** Closes the socket and stops timers; the outbox stays in storage. */
  close(): Promise<void>;
  /** Catches up now (also done after every (re)connect). */
  sync(): Promise<void>;
  /** Resolves when online, synced, and the outbox is empty or holds only failed items. */
  whenSettled(): Promise<void>;
  /** Raw server events; returns an unsubscribe function. */
  on<E extends keyof ServerToClientEvents>(event: E, fn: ServerToClientEvents[E]): () => void;
  chats: {
    /** The chat list (REST, all pages) into the store. */
    load(): Promise<void>;
    /** Queued in the outbox. */
    markRead(chatId: string, upToMessageId?: string): void;
    /**
     * Chats the app read over REST (a chat's details with all its
     * participants, a chat it just created or changed) into the store.
     */
    put(chats: Array<ChatDto | ChatListItemDto>): void;
  };
  messages: {
    /** Queues a send; returns its clientMessageId. */
    send(chatId: string, input: SendInput): string;
    edit(messageId: string, content: string, opts?: { mentions?: MentionDto[] }): void;
    delete(messageId: string): void;
    /** Tries a failed outbox item again; `confirmed` answers CONFIRM_REQUIRED. */
    retry(clientMessageId: string, opts?: { confirmed?: boolean }): void;
    /** Drops a failed or pending item. */
    discard(clientMessageId: string): void;
    /** Deletes a message for me only; the store drops it on the answer. Needs the socket. */
    hide(messageId: string): Promise<AckResponse<HiddenMessageDto>>;
    /**
     * Adds (on) or takes back my reaction: shown at once, then the server's
     * reactions replace it, or it is undone on a refusal. Over REST when the
     * socket is down.
     */
    react(messageId: string, emoji: string, on: boolean): Promise<AckResponse<MessageDto>>;
    /** A copy of a message, as mine, into another chat I am in. Needs the socket. */
    forward(
      messageId: string,
      toChatId: string,
      opts?: { clientMessageId?: string; confirmed?: boolean },
    ): Promise<AckResponse<MessageDto>>;
    /** The history page before the oldest loaded message (over the socket when it is up). */
    loadOlder(chatId: string, limit?: number): Promise<{ hasMore: boolean }>;
    /** Pages until there is no more history. */
    loadAll(chatId: string): Promise<void>;
  };
  typing: { start(chatId: string): void; stop(chatId: string): void };
  /**
   * Sends a file to POST /api/v1/uploads, with progress where the platform
   * reports it; resolves with the attachment to send, throws ChatApiError
   * with the server's reason, or UploadAbortedError when its signal aborted it.
   */
  upload(input: UploadInput): Promise<UploadAnswer>;
}
