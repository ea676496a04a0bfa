import { describe, expect, it, vi } from 'vitest';
import { wireLiveEvents } from './live.js';
import type { ServerToClientEvents } from './protocol/index.js';
import { ANN, ME, chat, message } from './store/fixtures.js';
import { upsertChats } from './store/reducers.js';
import { createStore } from './store/store.js';
import type { ChatSocket } from './types.js';

/** The server's side of the socket: emit() calls what the client registered. */
function fakeSocket() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const socket = { on: (event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn) };
  const emit = <E extends keyof ServerToClientEvents>(
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ) => handlers.get(event)?.(...args);
  return { socket: socket as unknown as ChatSocket, emit };
}

function setup() {
  const { socket, emit } = fakeSocket();
  const store = createStore();
  store.update((s) => upsertChats({ ...s, me: { id: ME } }, [chat('a', 2)]));
  const requestSync = vi.fn();
  const settle = vi.fn();
  wireLiveEvents({ socket, store, requestSync, settle });
  return { emit, store, requestSync, settle };
}

describe('live events', () => {
  it('stores the next message without a sync, and asks for one on a seq gap', () => {
    const { emit, store, requestSync } = setup();
    emit('message_received', message('a', 3));
    expect(requestSync).not.toHaveBeenCalled();
    expect(store.getState().messages.a?.syncedSeq).toBe(3);
    emit('message_received', message('a', 5));
    expect(requestSync).toHaveBeenCalledTimes(1);
    expect(store.getState().messages.a?.seqs).toEqual([3, 5]);
    expect(store.getState().messages.a?.syncedSeq).toBe(3);
  });

  it('asks for a sync when a message names a chat it does not know', () => {
    const { emit, store, requestSync } = setup();
    emit('message_received', message('b', 7));
    expect(requestSync).toHaveBeenCalledTimes(1);
    expect(store.getState().messages.b).toMatchObject({ seqs: [7], syncedSeq: 7, hasMoreBefore: true });
  });

  it('hands my stored messages to the outbox and ends the sender’s typing', () => {
    const { emit, store, settle } = setup();
    emit('user_typing', { chatId: 'a', userId: ANN, name: 'Ann' });
    expect(Object.keys(store.getState().typing.a ?? {})).toEqual([ANN]);
    const mine = message('a', 3, { senderId: ME, clientMessageId: 'cm' });
    emit('message_received', mine);
    expect(settle).toHaveBeenCalledWith([mine]);
    emit('message_received', message('a', 4));
    expect(store.getState().typing.a).toEqual({});
  });

  it('applies edits and deletes to held messages only, and removes a chat I left', () => {
    const { emit, store } = setup();
    emit('message_received', message('a', 3));
    const { reactions: _r, ...edited } = message('a', 3, {
      content: 'new',
      editedAt: '2026-02-01T00:00:00.000Z',
    });
    emit('message_edited', edited);
    emit('message_deleted', message('a', 1, { deletedAt: '2026-02-01T00:00:00.000Z' }));
    expect(store.getState().messages.a?.seqs).toEqual([3]);
    expect(store.getState().messages.a?.bySeq[3]?.content).toBe('new');
    emit('chat_closed', { chatId: 'a', closedAt: '2026-02-01T00:00:00.000Z' });
    expect(store.getState().chats.a?.closedAt).not.toBeNull();
    emit('participant_left', { chatId: 'a', userId: ME, removedBy: null });
    expect(store.getState().chats.a).toBeUndefined();
  });

  it('forgets heard presence when my privacy settings change', () => {
    const { emit, store } = setup();
    emit('user_offline', { userId: ANN, lastSeenAt: '2026-02-01T00:00:00.000Z' });
    expect(store.getState().presence[ANN]?.status).toBe('offline');
    emit('settings_updated', {} as Parameters<ServerToClientEvents['settings_updated']>[0]);
    expect(store.getState().presence).toEqual({});
  });
});
