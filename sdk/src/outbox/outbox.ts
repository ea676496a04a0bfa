// The offline outbox: sends, edits, deletes and read marks queued in order,
// persisted before the first attempt, delivered one at a time per chat
// (chats in parallel), retried on transient failures, stopped on refusals.
import type { AckResponse } from '../protocol/index.js';
import type { ChatState, Logger, OutboxItem, OutboxStorage } from '../types.js';
import type { WritableStore } from '../store/store.js';
import { classify } from './policy.js';

/** Delivers one item; rejects (or never answers until its timeout) when the transport is down. */
export type Transport = (item: OutboxItem) => Promise<AckResponse<unknown>>;

export interface OutboxOptions {
  store: WritableStore;
  storage: OutboxStorage;
  transport: Transport;
  /** Folds a delivered item's answer into the state (the same change removes the item). */
  applyAck: (state: ChatState, item: OutboxItem, data: unknown) => ChatState;
  logger?: Logger;
  random?: () => number;
}

export interface Outbox {
  /** Merges the stored items into the state (once per client start). */
  load(): Promise<void>;
  enqueue(item: OutboxItem): void;
  /** Changes a queued item that is not in flight; false when it is gone or on its way. */
  amend(id: string, change: (item: OutboxItem) => OutboxItem): boolean;
  setOnline(online: boolean): void;
  retry(id: string, change?: (item: OutboxItem) => OutboxItem): void;
  discard(id: string): void;
  /** Items the server already holds (their message arrived some other way): they leave without a send. */
  settle(ids: string[]): void;
  stop(): void;
  /** Resolves when every storage write started so far has finished. */
  flush(): Promise<void>;
  /** Nothing waiting or in flight (failed items may remain). */
  isIdle(): boolean;
  isInFlight(id: string): boolean;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, storage, transport, applyAck, logger } = options;
  const random = options.random ?? Math.random;
  const inFlight = new Map<string, string>(); // chatId → item id
  const persisted = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>(); // chatId → backoff
  let online = false;
  let stopped = false;

  const items = () => store.getState().outbox;
  const find = (id: string) => items().find((i) => i.id === id);
  const replace = (next: OutboxItem) =>
    store.update((s) =>
      s.outbox.some((i) => i.id === next.id)
        ? { ...s, outbox: s.outbox.map((i) => (i.id === next.id ? next : i)) }
        : s,
    );
  const remove = (state: ChatState, id: string): ChatState =>
    state.outbox.some((i) => i.id === id)
      ? { ...state, outbox: state.outbox.filter((i) => i.id !== id) }
      : state;
  /** Storage writes not yet finished: close() waits for them, so a reload finds every queued item. */
  const writes = new Set<Promise<void>>();
  const track = (write: Promise<void>) => {
    writes.add(write);
    void write.finally(() => writes.delete(write));
    return write;
  };
  const save = (item: OutboxItem) =>
    track(
      storage
        .put(item)
        .catch((error: unknown) => logger?.error?.('outbox: could not store item', item.id, error)),
    );
  const forget = (id: string) =>
    track(
      storage
        .delete(id)
        .catch((error: unknown) => logger?.error?.('outbox: could not delete item', id, error)),
    );

  function pump() {
    if (!online || stopped) return;
    const heads = new Map<string, OutboxItem>();
    for (const item of items()) {
      if (item.status === 'failed' || heads.has(item.chatId)) continue;
      heads.set(item.chatId, item);
    }
    for (const [chatId, item] of heads) {
      if (inFlight.has(chatId) || timers.has(chatId) || !persisted.has(item.id)) continue;
      void attempt(item);
    }
  }

  async function attempt(queued: OutboxItem) {
    const item: OutboxItem = { ...queued, attempts: queued.attempts + 1, status: 'sending' };
    inFlight.set(item.chatId, item.id);
    replace(item);
    let answer: AckResponse<unknown> | undefined;
    try {
      answer = await transport(item);
    } catch (error) {
      logger?.debug?.('outbox: no answer for', item.kind, item.id, error);
    }
    inFlight.delete(item.chatId);
    if (answer?.ok) {
      store.update((s) => remove(applyAck(s, item, answer.data), item.id));
      persisted.delete(item.id);
      await forget(item.id);
    } else if (find(item.id)) {
      const verdict = classify(answer?.error, item.attempts, random);
      if (verdict.retry) {
        replace({ ...item, status: 'pending' });
        if (!stopped) {
          timers.set(
            item.chatId,
            setTimeout(() => {
              timers.delete(item.chatId);
              pump();
            }, verdict.afterMs),
          );
        }
      } else {
        logger?.warn?.('outbox: the server refused', item.kind, item.id, answer?.error);
        const failed: OutboxItem = {
          ...item,
          status: 'failed',
          ...(answer?.error && { error: answer.error }),
        };
        if (item.kind === 'read') {
          // A refused read mark has nothing to show or retry: it is dropped.
          store.update((s) => remove(s, item.id));
          await forget(item.id);
        } else {
          replace(failed);
          await save(failed);
        }
      }
    }
    pump();
  }

  function resumeAll() {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    pump();
  }

  return {
    async load() {
      const stored = await storage.load();
      store.update((s) => {
        const known = new Set(s.outbox.map((i) => i.id));
        const loaded = stored
          .filter((i) => !known.has(i.id))
          .map((i): OutboxItem => (i.status === 'sending' ? { ...i, status: 'pending' } : i));
        return loaded.length ? { ...s, outbox: [...loaded, ...s.outbox] } : s;
      });
      for (const item of stored) persisted.add(item.id);
      pump();
    },
    enqueue(item) {
      store.update((s) => ({ ...s, outbox: [...s.outbox, item] }));
      void save(item).then(() => {
        persisted.add(item.id);
        pump();
      });
    },
    amend(id, change) {
      const item = find(id);
      if (!item || inFlight.get(item.chatId) === id) return false;
      const next = change(item);
      replace(next);
      void save(next);
      return true;
    },
    setOnline(value) {
      online = value;
      if (value) {
        stopped = false;
        resumeAll();
      }
    },
    retry(id, change) {
      const item = find(id);
      if (!item || item.status !== 'failed') return;
      const { error: _error, ...rest } = item;
      const next: OutboxItem = change
        ? change({ ...rest, status: 'pending' })
        : { ...rest, status: 'pending' };
      replace(next);
      void save(next).then(pump);
    },
    discard(id) {
      const item = find(id);
      if (!item) return;
      store.update((s) => remove(s, id));
      persisted.delete(id);
      void forget(id);
    },
    settle(ids) {
      const gone = ids.filter((id) => {
        const item = find(id);
        return item && inFlight.get(item.chatId) !== id;
      });
      if (gone.length === 0) return;
      store.update((s) => ({ ...s, outbox: s.outbox.filter((i) => !gone.includes(i.id)) }));
      for (const id of gone) {
        persisted.delete(id);
        void forget(id);
      }
      pump();
    },
    stop() {
      stopped = true;
      online = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    async flush() {
      while (writes.size) await Promise.all([...writes]);
    },
    isIdle: () => items().every((i) => i.status === 'failed'),
    isInFlight: (id) => [...inFlight.values()].includes(id),
  };
}
