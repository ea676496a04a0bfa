import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AckResponse, MessageDto } from '../protocol/index.js';
import { message, ME } from '../store/fixtures.js';
import { applyMessages } from '../store/reducers.js';
import { createStore } from '../store/store.js';
import { memoryStorage } from '../storage/memory.js';
import { keyValueStorage } from '../storage/key-value.js';
import type { OutboxItem, OutboxPayloads } from '../types.js';
import { createOutbox, type Transport } from './outbox.js';
import { backoff, classify } from './policy.js';

function send(id: string, chatId = 'a'): OutboxItem {
  return {
    id,
    kind: 'send',
    chatId,
    payload: { chatId, clientMessageId: id, content: id },
    createdAt: '',
    attempts: 0,
    status: 'pending',
  };
}

/** A server that stores each clientMessageId once and answers with what `answer` says. */
function fakeServer() {
  const stored = new Map<string, MessageDto>();
  const calls: string[] = [];
  let seq = 0;
  let answer: (item: OutboxItem) => 'ok' | 'drop' | AckResponse<unknown> = () => 'ok';
  const transport: Transport = (item) => {
    calls.push(item.id);
    const verdict = answer(item);
    if (verdict === 'drop') return Promise.reject(new Error('transport closed'));
    if (verdict !== 'ok') return Promise.resolve(verdict);
    const p = item.payload as OutboxPayloads['send'];
    const m =
      stored.get(p.clientMessageId) ??
      message(p.chatId, ++seq, { senderId: ME, clientMessageId: p.clientMessageId });
    stored.set(p.clientMessageId, m);
    return Promise.resolve({ ok: true, data: m });
  };
  return { stored, calls, transport, setAnswer: (fn: typeof answer) => (answer = fn) };
}

function setup(server = fakeServer(), storage = memoryStorage()) {
  const store = createStore();
  store.update((s) => ({ ...s, me: { id: ME } }));
  const outbox = createOutbox({
    store,
    storage,
    transport: server.transport,
    applyAck: (s, _item, data) => applyMessages(s, [data as MessageDto]),
    random: () => 0.5,
  });
  return { store, outbox, server, storage };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a send at once, persists it, and delivers it into the messages in one change', async () => {
    const { store, outbox, storage } = setup();
    outbox.enqueue(send('x'));
    expect(store.getState().outbox.map((i) => i.status)).toEqual(['pending']);
    expect((await storage.load()).map((i) => i.id)).toEqual(['x']);
    const seen: Array<[number, number]> = [];
    store.subscribe(() => {
      const s = store.getState();
      seen.push([s.outbox.length, s.messages.a?.seqs.length ?? 0]);
    });
    outbox.setOnline(true);
    await flush();
    expect(seen).toContainEqual([0, 1]);
    expect(seen).not.toContainEqual([0, 0]);
    expect(await storage.load()).toEqual([]);
  });

  it('delivers one item per chat at a time, in order, chats in parallel', async () => {
    const server = fakeServer();
    const inFlight = new Set<string>();
    let overlap = false;
    const slow: Transport = async (item) => {
      if (inFlight.has(item.chatId)) overlap = true;
      inFlight.add(item.chatId);
      await new Promise((r) => setTimeout(r, 10));
      inFlight.delete(item.chatId);
      return server.transport(item);
    };
    const { outbox, store } = setup({ ...server, transport: slow });
    for (const id of ['a1', 'b1', 'a2', 'a3', 'b2']) outbox.enqueue(send(id, id[0]));
    outbox.setOnline(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(overlap).toBe(false);
    expect(server.calls.filter((c) => c.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(server.calls.slice(0, 2).sort()).toEqual(['a1', 'b1']);
    expect(store.getState().outbox).toEqual([]);
  });

  it('retries a dropped send with the same id after a backoff, and stores it once', async () => {
    const { outbox, server, store } = setup();
    let drops = 2;
    server.setAnswer(() => (drops-- > 0 ? 'drop' : 'ok'));
    outbox.enqueue(send('x'));
    outbox.setOnline(true);
    await flush();
    expect(store.getState().outbox[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toEqual(['x', 'x', 'x']);
    expect(server.stored.size).toBe(1);
    expect(store.getState().messages.a?.seqs).toEqual([1]);
  });

  it('retries at once when the connection comes back', async () => {
    const { outbox, server } = setup();
    server.setAnswer(() => 'drop');
    outbox.enqueue(send('x'));
    outbox.setOnline(true);
    await flush();
    server.setAnswer(() => 'ok');
    outbox.setOnline(false);
    outbox.setOnline(true);
    await flush();
    expect(server.calls).toEqual(['x', 'x']);
  });

  it('waits retryAfterSeconds when rate limited', async () => {
    const { outbox, server } = setup();
    let limited = true;
    server.setAnswer(() =>
      limited
        ? ((limited = false),
          { ok: false, error: { code: 'RATE_LIMITED', message: '', retryAfterSeconds: 5 } })
        : 'ok',
    );
    outbox.enqueue(send('x'));
    outbox.setOnline(true);
    await vi.advanceTimersByTimeAsync(4900);
    expect(server.calls).toEqual(['x']);
    await vi.advanceTimersByTimeAsync(400);
    expect(server.calls).toEqual(['x', 'x']);
  });

  it('marks a refused send failed with the reason; later items of the chat go on; retry and discard act on it', async () => {
    const { outbox, server, store, storage } = setup();
    server.setAnswer((item) =>
      item.id === 'bad' ? { ok: false, error: { code: 'BLOCKED', message: 'blocked' } } : 'ok',
    );
    outbox.enqueue(send('bad'));
    outbox.enqueue(send('good'));
    outbox.setOnline(true);
    await flush();
    await flush();
    expect(store.getState().outbox).toMatchObject([
      { id: 'bad', status: 'failed', error: { code: 'BLOCKED' } },
    ]);
    expect(store.getState().messages.a?.seqs).toEqual([1]);
    expect((await storage.load())[0]).toMatchObject({ id: 'bad', status: 'failed' });

    server.setAnswer(() => 'ok');
    outbox.retry('bad');
    await flush();
    await flush();
    expect(store.getState().outbox).toEqual([]);

    server.setAnswer(() => ({ ok: false, error: { code: 'VALIDATION', message: 'too long' } }));
    outbox.enqueue(send('long'));
    await flush();
    await flush();
    outbox.discard('long');
    expect(store.getState().outbox).toEqual([]);
    expect(await storage.load()).toEqual([]);
  });

  it('reloads a persisted outbox (a restart) and delivers it', async () => {
    const kv = new Map<string, string>();
    const storage = keyValueStorage({
      getItem: (k) => kv.get(k) ?? null,
      setItem: (k, v) => void kv.set(k, v),
      removeItem: (k) => void kv.delete(k),
    });
    const first = setup(fakeServer(), storage);
    first.outbox.enqueue(send('x'));
    first.outbox.enqueue(send('y'));
    await flush();
    first.outbox.stop();

    const second = setup(fakeServer(), storage);
    await second.outbox.load();
    expect(second.store.getState().outbox.map((i) => i.id)).toEqual(['x', 'y']);
    second.outbox.setOnline(true);
    await flush();
    await flush();
    expect(second.server.calls).toEqual(['x', 'y']);
    expect(await storage.load()).toEqual([]);
  });

  it('settles an item whose message arrived another way', async () => {
    const { outbox, store, storage } = setup();
    outbox.enqueue(send('x'));
    await flush();
    outbox.settle(['x']);
    expect(store.getState().outbox).toEqual([]);
    await flush();
    expect(await storage.load()).toEqual([]);
  });
});

describe('failure policy', () => {
  it('retries what the server did not refuse, and stops on refusals', () => {
    expect(classify(undefined, 1)).toMatchObject({ retry: true });
    expect(classify({ code: 'UNAVAILABLE', message: '' }, 1)).toMatchObject({ retry: true });
    expect(classify({ code: 'INTERNAL', message: '' }, 5)).toEqual({ retry: false });
    for (const code of [
      'VALIDATION',
      'FORBIDDEN',
      'NOT_FOUND',
      'BLOCKED',
      'CHAT_CLOSED',
      'CONFIRM_REQUIRED',
    ] as const) {
      expect(classify({ code, message: '' }, 1)).toEqual({ retry: false });
    }
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoff(1, () => 0)).toBe(250);
    expect(backoff(1, () => 1)).toBe(500);
    expect(backoff(3, () => 1)).toBe(2000);
    expect(backoff(50, () => 1)).toBe(30_000);
  });
});
