// createChatClient: REST, socket, store, sync and outbox put together.
import { controls } from './internal.js';
import { newId } from './ids.js';
import { wireLiveEvents } from './live.js';
import { createOutbox } from './outbox/outbox.js';
import { backoff } from './outbox/policy.js';
import { ACK_TIMEOUT_MS, applyAck, socketTransport } from './outbox/transport.js';
import type {
  AckResponse,
  ChatListItemDto,
  ClientToServerEvents,
  ErrorBody,
  MessageDto,
  Page,
  ServerToClientEvents,
} from './protocol/index.js';
import { createRestClient, unwrap } from './rest/client.js';
import { createSocket, request, type AckData } from './socket.js';
import { emptyMessages, findSeq, putOlderPage } from './store/messages.js';
import {
  applyHidden,
  applyMessages,
  applyReaction,
  applyReads,
  setReactions,
  upsertChats,
} from './store/reducers.js';
import { createStore } from './store/store.js';
import { memoryStorage } from './storage/memory.js';
import { applySyncResult, syncRequest } from './sync.js';
import { createUploader } from './upload.js';
import type {
  ChatClient,
  ChatClientOptions,
  ConnectionStatus,
  OutboxItem,
  OutboxKind,
  OutboxPayloads,
} from './types.js';

const SYNC_TIMEOUT_MS = 20_000;
/** A history page over the socket gives way to REST after this long. */
const HISTORY_TIMEOUT_MS = 5_000;
const OFFLINE: ErrorBody = {
  code: 'UNAVAILABLE',
  message: 'You are offline. Try again when you are back online.',
};
/** typing_start is sent at most this often per chat while the person keeps typing. */
const TYPING_THROTTLE_MS = 3000;

export function createChatClient(options: ChatClientOptions): ChatClient {
  const { logger } = options;
  const tokenOf =
    options.getToken !== undefined
      ? () => Promise.resolve(options.getToken!())
      : options.token !== undefined
        ? () => Promise.resolve(options.token!)
        : undefined;
  const rest = createRestClient(options, tokenOf);
  const socket = createSocket(options, tokenOf);
  const store = createStore();
  const outbox = createOutbox({
    store,
    storage: options.storage ?? memoryStorage(),
    transport: socketTransport(socket, store.getState),
    applyAck,
    ...(logger && { logger }),
  });

  let closed = true;
  let cut = false;
  let loaded: Promise<void> | undefined;
  let synced = false;
  let syncing: Promise<void> | undefined;
  let syncAgain = false;
  let changedSince: string | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectAttempts = 0;
  const typingSent = new Map<string, number>();
  const settledWaiters: Array<() => void> = [];
  const onlineWaiters: Array<() => void> = [];
  /** Resolves everyone waiting on `waiters`, and empties it. */
  const release = (waiters: Array<() => void>) => {
    for (const resolve of waiters.splice(0)) resolve();
  };

  const setConnection = (connection: ConnectionStatus) =>
    store.update((s) => (s.connection === connection ? s : { ...s, connection }));

  const settle = (messages: MessageDto[]) => {
    const me = store.getState().me?.id;
    const ids = messages.filter((m) => m.senderId === me && m.clientMessageId).map((m) => m.clientMessageId!);
    if (ids.length) outbox.settle(ids);
  };

  const isSettled = () => store.getState().connection === 'online' && synced && !syncing && outbox.isIdle();
  const checkSettled = () => {
    if (settledWaiters.length === 0 || !isSettled()) return;
    release(settledWaiters);
  };
  store.subscribe(checkSettled);

  async function syncRounds() {
    for (;;) {
      const req = syncRequest(store.getState());
      const answer = await request(
        socket,
        'sync',
        { since: req.since, ...(changedSince && { changedSince }) },
        SYNC_TIMEOUT_MS,
      );
      if (!answer.ok) throw new Error(`sync refused: ${answer.error.code} ${answer.error.message}`);
      store.update((s) => applySyncResult(s, answer.data, req));
      settle(answer.data.messages);
      changedSince = answer.data.serverTime;
      if (!answer.data.truncated) return;
    }
  }

  function sync(): Promise<void> {
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    synced = false;
    const run = (async () => {
      try {
        do {
          syncAgain = false;
          await syncRounds();
        } while (syncAgain);
        synced = socket.connected;
      } finally {
        syncing = undefined;
      }
    })();
    syncing = run;
    void run.then(checkSettled, () => undefined);
    return run;
  }

  /** After a connect or a gap: sync, and again later if it fails while we stay connected. */
  function syncInBackground(attempt = 1) {
    sync().catch((error: unknown) => {
      if (closed || !socket.connected) return;
      logger?.warn?.('sync failed', error);
      setTimeout(() => {
        if (socket.connected && !synced) syncInBackground(attempt + 1);
      }, backoff(attempt));
    });
  }

  async function loadMe() {
    if (store.getState().me) return;
    try {
      const { user } = unwrap(await rest.GET('/api/v1/users/me'));
      store.update((s) => ({ ...s, me: { id: user.id } }));
    } catch (error) {
      logger?.warn?.('could not load the account', error);
    }
  }

  /**
   * A watchdog while we should be online and are not: socket.io reconnects on
   * its own after most drops, but not after the server let go of us (a
   * restart's goodbye, an expired token), a handshake refusal, or a transport
   * that closed while reconnection was off. connect() is a no-op while
   * socket.io is already reconnecting.
   */
  function scheduleReconnect() {
    if (closed || cut || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (closed || cut || socket.connected) return;
      socket.connect();
      scheduleReconnect();
    }, backoff(++reconnectAttempts));
  }

  socket.on('connect', () => {
    // A connect already under way when close() came.
    if (closed) {
      socket.disconnect();
      return;
    }
    reconnectAttempts = 0;
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    setConnection('online');
    release(onlineWaiters);
    void loadMe().then(() => {
      if (!socket.connected) return;
      outbox.setOnline(true);
      syncInBackground();
    });
  });
  socket.on('disconnect', (reason) => {
    synced = false;
    outbox.setOnline(false);
    setConnection(closed ? 'idle' : 'offline');
    logger?.debug?.('disconnected', reason);
    scheduleReconnect();
  });
  socket.on('connect_error', (error) => {
    logger?.warn?.('connect failed', error.message);
    scheduleReconnect();
  });

  const stopLive = wireLiveEvents({ socket, store, requestSync: () => syncInBackground(), settle });

  function enqueue(kind: OutboxKind, chatId: string, payload: unknown, id = newId()): string {
    const item: OutboxItem = {
      id,
      kind,
      chatId,
      payload,
      createdAt: new Date().toISOString(),
      attempts: 0,
      status: 'pending',
    };
    outbox.enqueue(item);
    return id;
  }

  /** The chat a message (by id, or by clientMessageId while in the outbox) belongs to. */
  function chatOf(messageId: string): string {
    const state = store.getState();
    const queued = state.outbox.find((i) => i.id === messageId);
    if (queued) return queued.chatId;
    for (const [chatId, chat] of Object.entries(state.messages)) {
      if (findSeq(chat, messageId) !== undefined) return chatId;
      if (chat.seqs.some((seq) => chat.bySeq[seq]!.clientMessageId === messageId)) return chatId;
    }
    return '';
  }

  /**
   * A history page, newest first, before a seq: over the open socket when
   * there is one (no HTTP request, no cookie to decode per page); over REST
   * when it is not connected, slow or refuses (rate limited), so REST's
   * answer, errors included, is the last word.
   */
  async function historyPage(chatId: string, before: number, limit: number) {
    if (socket.connected) {
      const answer = await request(
        socket,
        'fetch_messages',
        { chatId, before, limit },
        HISTORY_TIMEOUT_MS,
      ).catch(() => undefined);
      if (answer?.ok) return answer.data;
    }
    return unwrap(
      await rest.GET('/api/v1/chat/sessions/{id}/messages', {
        params: { path: { id: chatId }, query: { before, limit } },
      }),
    ) as unknown as Page<MessageDto>;
  }

  /** Pages on their way, per chat: a second call while one is loading shares it. */
  const loadingOlder = new Map<string, Promise<{ hasMore: boolean }>>();
  function loadOlder(chatId: string, limit = 50): Promise<{ hasMore: boolean }> {
    const loading = loadingOlder.get(chatId);
    if (loading) return loading;
    const load = loadPageBefore(chatId, limit).finally(() => loadingOlder.delete(chatId));
    loadingOlder.set(chatId, load);
    return load;
  }

  async function loadPageBefore(chatId: string, limit: number) {
    const state = store.getState();
    const chat = state.messages[chatId] ?? emptyMessages(state.chats[chatId]?.lastSeq ?? 0);
    const before = chat.seqs[0] ?? chat.syncedSeq + 1;
    if (before <= 1) {
      store.update((s) => ({
        ...s,
        messages: { ...s.messages, [chatId]: { ...chat, ...s.messages[chatId], hasMoreBefore: false } },
      }));
      return { hasMore: false };
    }
    const page = await historyPage(chatId, before, limit);
    const hasMore = page.nextCursor !== null;
    const items = page.items;
    store.update((s) => ({
      ...s,
      messages: { ...s.messages, [chatId]: putOlderPage(s.messages[chatId] ?? chat, items, hasMore) },
    }));
    return { hasMore };
  }

  /** A request answered by its ack, or refused at once when offline or unanswered. */
  async function ask<E extends 'hide_message' | 'add_reaction' | 'remove_reaction' | 'forward_message'>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<AckResponse<AckData<E>>> {
    if (!socket.connected) return { ok: false, error: OFFLINE };
    return request(socket, event, payload, ACK_TIMEOUT_MS).catch(() => ({
      ok: false as const,
      error: { code: 'UNAVAILABLE' as const, message: 'No answer from the server. Try again.' },
    }));
  }

  const client: ChatClient = {
    rest,
    socket,
    store,
    async connect() {
      closed = false;
      cut = false;
      await (loaded ??= outbox.load());
      // close() came while the outbox was loading: it stays closed.
      if (closed || socket.connected) return;
      setConnection('connecting');
      const online = new Promise<void>((resolve) => onlineWaiters.push(resolve));
      socket.connect();
      await online;
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      outbox.stop();
      stopLive();
      socket.disconnect();
      setConnection('idle');
      // A connect() still waiting returns: the client was closed instead.
      release(onlineWaiters);
      await outbox.flush();
    },
    sync,
    whenSettled() {
      return new Promise<void>((resolve) => {
        settledWaiters.push(resolve);
        checkSettled();
      });
    },
    on<E extends keyof ServerToClientEvents>(event: E, fn: ServerToClientEvents[E]) {
      const listen = socket.on.bind(socket) as (e: E, f: ServerToClientEvents[E]) => unknown;
      const unlisten = socket.off.bind(socket) as (e: E, f: ServerToClientEvents[E]) => unknown;
      listen(event, fn);
      return () => void unlisten(event, fn);
    },
    chats: {
      async load() {
        let cursor: string | undefined;
        do {
          const page = unwrap(
            await rest.GET('/api/v1/chat/sessions', {
              params: { query: { limit: 100, ...(cursor && { cursor }) } },
            }),
          );
          store.update((s) => upsertChats(s, page.items as unknown as ChatListItemDto[]));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      },
      put(chats) {
        store.update((s) => upsertChats(s, chats));
      },
      markRead(chatId, upToMessageId) {
        const state = store.getState();
        const me = state.me?.id;
        const chat = state.messages[chatId];
        const upToSeq = upToMessageId && chat ? findSeq(chat, upToMessageId) : state.chats[chatId]?.lastSeq;
        if (me && upToSeq !== undefined) {
          store.update((s) =>
            applyReads(s, [{ chatId, userId: me, upToSeq, readAt: new Date().toISOString() }]),
          );
        }
        const payload: OutboxPayloads['read'] = { chatId, ...(upToMessageId && { upToMessageId }) };
        // One read mark per chat is enough: a queued one moves up instead of queueing another.
        const queued = state.outbox.find(
          (i) => i.kind === 'read' && i.chatId === chatId && i.status === 'pending',
        );
        if (queued && outbox.amend(queued.id, (i) => ({ ...i, payload }))) return;
        enqueue('read', chatId, payload);
      },
    },
    messages: {
      send(chatId, input) {
        const clientMessageId = input.clientMessageId ?? newId();
        if (store.getState().outbox.some((i) => i.id === clientMessageId)) return clientMessageId;
        const payload: OutboxPayloads['send'] = { ...input, chatId, clientMessageId };
        client.typing.stop(chatId);
        return enqueue('send', chatId, payload, clientMessageId);
      },
      edit(messageId, content, opts) {
        const payload: OutboxPayloads['edit'] = {
          messageId,
          content,
          ...(opts?.mentions && { mentions: opts.mentions }),
        };
        // Still waiting to be sent: the send itself carries the new text.
        const amended = outbox.amend(messageId, (item) =>
          item.kind === 'send'
            ? {
                ...item,
                payload: {
                  ...(item.payload as OutboxPayloads['send']),
                  content,
                  ...(opts?.mentions && { mentions: opts.mentions }),
                },
              }
            : item,
        );
        if (!amended) enqueue('edit', chatOf(messageId), payload);
      },
      delete(messageId) {
        const queued = store.getState().outbox.find((i) => i.id === messageId && i.kind === 'send');
        if (queued && !outbox.isInFlight(messageId)) {
          outbox.discard(messageId);
          return;
        }
        enqueue('delete', chatOf(messageId), { messageId } satisfies OutboxPayloads['delete']);
      },
      retry(clientMessageId, opts) {
        outbox.retry(clientMessageId, (item) =>
          opts?.confirmed ? { ...item, payload: { ...(item.payload as object), confirmed: true } } : item,
        );
      },
      discard(clientMessageId) {
        outbox.discard(clientMessageId);
      },
      async hide(messageId) {
        const answer = await ask('hide_message', { messageId });
        if (answer.ok) store.update((s) => applyHidden(s, [answer.data]));
        return answer;
      },
      async react(messageId, emoji, on) {
        const chatId = chatOf(messageId);
        const change = { chatId, messageId, emoji, userId: store.getState().me?.id ?? '' };
        if (change.userId) store.update((s) => applyReaction(s, change, on));
        let answer: AckResponse<MessageDto>;
        if (socket.connected) {
          answer = await ask(on ? 'add_reaction' : 'remove_reaction', { messageId, emoji });
        } else {
          const init = { params: { path: { id: messageId, emoji } } };
          const path = '/api/v1/chat/messages/{id}/reactions/{emoji}';
          const { data, error } = await (on ? rest.PUT(path, init) : rest.DELETE(path, init)).catch(() => ({
            data: undefined,
            error: { error: OFFLINE },
          }));
          answer = data
            ? { ok: true, data: data.message as unknown as MessageDto }
            : { ok: false, error: (error as { error?: ErrorBody } | undefined)?.error ?? OFFLINE };
        }
        if (answer.ok) store.update((s) => setReactions(s, answer.data));
        else if (change.userId) store.update((s) => applyReaction(s, change, !on));
        return answer;
      },
      async forward(messageId, toChatId, opts = {}) {
        const answer = await ask('forward_message', { messageId, chatId: toChatId, ...opts });
        if (answer.ok) store.update((s) => applyMessages(s, [answer.data]));
        return answer;
      },
      loadOlder,
      async loadAll(chatId) {
        while ((await loadOlder(chatId, 100)).hasMore);
      },
    },
    upload: createUploader(options, tokenOf),
    typing: {
      start(chatId) {
        const last = typingSent.get(chatId) ?? 0;
        if (!socket.connected || Date.now() - last < TYPING_THROTTLE_MS) return;
        typingSent.set(chatId, Date.now());
        socket.emit('typing_start', { chatId });
      },
      stop(chatId) {
        if (!typingSent.delete(chatId) || !socket.connected) return;
        socket.emit('typing_stop', { chatId });
      },
    },
  };

  controls.set(client, {
    cut() {
      cut = true;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      // The transport first, abruptly, as a network failure would (the server
      // keeps the session for recovery); then the socket, so that socket.io
      // does not come back on its own.
      socket.io.engine?.close();
      socket.disconnect();
    },
    restore() {
      cut = false;
      if (closed || socket.connected) return;
      socket.connect();
      scheduleReconnect();
    },
  });

  if (options.autoConnect !== false) {
    client.connect().catch((error: unknown) => logger?.error?.('connect failed', error));
  }
  return client;
}
