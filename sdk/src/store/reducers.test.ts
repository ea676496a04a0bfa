import { describe, expect, it } from 'vitest';
import type { ChatState } from '../types.js';
import { chat, message, ANN, ME } from './fixtures.js';
import {
  applyHidden,
  applyKnown,
  applyMessages,
  applyParticipantLeft,
  applyReaction,
  applyReads,
  expireTyping,
  removeChats,
  setTyping,
  upsertChats,
} from './reducers.js';
import { messageStatus, pendingMessages } from './selectors.js';
import { initialState } from './store.js';
import { applySyncResult, syncRequest } from '../sync.js';

const withMe = (): ChatState => ({ ...initialState, me: { id: ME } });

describe('chats and messages', () => {
  it('counts messages from others as unread, moves the chat up and keeps its last message', () => {
    let state = upsertChats(withMe(), [
      chat('a', 0),
      chat('b', 0, { createdAt: '2026-01-01T00:00:01.000Z' }),
    ]);
    expect(state.chatOrder).toEqual(['b', 'a']);
    state = applyMessages(state, [message('a', 1), message('a', 2, { senderId: ME })]);
    expect(state.chatOrder).toEqual(['a', 'b']);
    expect(state.chats.a).toMatchObject({ unreadCount: 1, lastSeq: 2, lastMessage: { seq: 2 } });
    // The same message again (a sync after a live event) counts once.
    state = applyMessages(state, [message('a', 1)]);
    expect(state.chats.a?.unreadCount).toBe(1);
  });

  it('keeps a newer last message heard live over a stale list page, and counts it on top of the page', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1)]);
    state = upsertChats(state, [
      { ...chat('a', 0), lastMessage: null, lastReaction: null, unreadCount: 0, mentionCount: 0 },
    ]);
    expect(state.chats.a).toMatchObject({ lastSeq: 1, lastMessage: { seq: 1 }, unreadCount: 1 });
    // A fresher page counts everything itself; the missed seq 2, caught up later, still counts once.
    state = upsertChats(state, [
      { ...chat('a', 3), lastMessage: null, lastReaction: null, unreadCount: 3, mentionCount: 0 },
    ]);
    state = applyMessages(state, [message('a', 2), message('a', 3), message('a', 4)]);
    expect(state.chats.a).toMatchObject({ lastSeq: 4, unreadCount: 4 });
  });

  it('counts missed messages that arrive after a later live one, and uncounts an unread one deleted', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 3)]);
    state = applyMessages(state, [message('a', 1), message('a', 2)], { contiguous: true });
    expect(state.chats.a).toMatchObject({ lastSeq: 3, unreadCount: 3 });
    state = applyKnown(state, [{ ...message('a', 2), deletedAt: new Date().toISOString(), content: '' }]);
    expect(state.chats.a?.unreadCount).toBe(2);
    // The same deletion again (sync after the live event) changes nothing.
    state = applyKnown(state, [{ ...message('a', 2), deletedAt: new Date().toISOString(), content: '' }]);
    expect(state.chats.a?.unreadCount).toBe(2);
  });

  it('clears my unread count when I read up to the end', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1), message('a', 2)]);
    state = applyReads(state, [{ chatId: 'a', userId: ME, upToSeq: 1, readAt: '' }]);
    expect(state.chats.a?.unreadCount).toBe(1);
    state = applyReads(state, [{ chatId: 'a', userId: ME, upToSeq: 2, readAt: '' }]);
    expect(state.chats.a?.unreadCount).toBe(0);
  });

  it('applies edits only to messages it holds', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 5)]);
    state = applyKnown(state, [message('a', 2, { content: 'x', editedAt: '2026-01-02T00:00:00.000Z' })]);
    expect(state.messages.a?.seqs).toEqual([5]);
  });

  it('tracks reactions per person, idempotently', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1)]);
    const r = { chatId: 'a', messageId: 'a-m1', emoji: '❤️', userId: ANN };
    state = applyReaction(applyReaction(state, r, true), r, true);
    expect(state.messages.a?.bySeq[1]?.reactions).toEqual([{ emoji: '❤️', count: 1, userIds: [ANN] }]);
    state = applyReaction(state, r, false);
    expect(state.messages.a?.bySeq[1]?.reactions).toEqual([]);
  });

  it('shows the latest reaction in the list until a new message, its deletion or its taking back', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1, { senderId: ME })]);
    const r = { chatId: 'a', messageId: 'a-m1', emoji: '👍', userId: ANN };
    state = applyReaction(state, r, true);
    expect(state.chats.a?.lastReaction).toMatchObject({ userId: ANN, name: 'Ann', emoji: '👍' });
    expect(state.chats.a?.lastMessage?.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [ANN] }]);
    state = applyReaction(state, r, false);
    expect(state.chats.a?.lastReaction).toBeNull();
    state = applyReaction(state, r, true);
    state = applyMessages(state, [message('a', 2)]);
    expect(state.chats.a?.lastReaction).toBeNull();
    state = applyReaction(state, r, true);
    state = applyKnown(state, [
      message('a', 1, { senderId: ME, content: '', deletedAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    expect(state.chats.a?.lastReaction).toBeNull();
  });

  it('counts a mention an edit adds to an unread message, and uncounts one it takes away', () => {
    const mention = { userId: ME, offset: 0, length: 3 };
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1)]);
    expect(state.chats.a?.mentionCount).toBe(0);
    const edited = '2026-01-02T00:00:00.000Z';
    state = applyKnown(state, [message('a', 1, { mentions: [mention], editedAt: edited })]);
    expect(state.chats.a).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    state = applyKnown(state, [message('a', 1, { mentions: [], editedAt: '2026-01-03T00:00:00.000Z' })]);
    expect(state.chats.a).toMatchObject({ unreadCount: 1, mentionCount: 0 });
  });

  it('moves the list entry’s participants with read receipts', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1, { senderId: ME })]);
    state = applyReads(state, [{ chatId: 'a', userId: ANN, upToSeq: 1, readAt: '' }]);
    expect(state.chats.a?.participants.find((p) => p.id === ANN)).toMatchObject({
      lastReadSeq: 1,
      lastDeliveredSeq: 1,
    });
  });

  it('removes a chat I left and its messages', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1)]);
    state = applyParticipantLeft(state, 'a', ANN);
    expect(state.chats.a?.participants.map((p) => p.id)).toEqual([ME]);
    state = applyParticipantLeft(state, 'a', ME);
    expect(state.chats.a).toBeUndefined();
    expect(state.messages.a).toBeUndefined();
    expect(removeChats(state, ['a'])).toBe(state);
  });

  it('hides a message deleted for me', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1)]);
    state = applyHidden(state, [{ chatId: 'a', messageId: 'a-m1', hiddenAt: '' }]);
    expect(state.messages.a?.seqs).toEqual([]);
    expect(state.chats.a?.lastMessage).toBeNull();
  });

  it('previews the newest message still held when the last one is deleted for me', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1), message('a', 2)]);
    state = applyHidden(state, [{ chatId: 'a', messageId: 'a-m2', hiddenAt: '' }]);
    expect(state.chats.a?.lastMessage?.seq).toBe(1);
  });

  it('expires typing entries whose time ran out', () => {
    let state = setTyping(withMe(), 'a', ANN, { name: 'Ann', until: 1000 });
    expect(expireTyping(state, 999)).toBe(state);
    state = expireTyping(state, 1000);
    expect(state.typing.a).toEqual({});
  });
});

describe('message status', () => {
  it('goes sent → delivered → read with the other participants’ receipts', () => {
    let state = upsertChats(withMe(), [chat('a', 0)]);
    const mine = message('a', 1, { senderId: ME });
    state = applyMessages(state, [mine]);
    expect(messageStatus(state, 'a', mine)).toBe('sent');
    state = applyReads(state, [{ chatId: 'a', userId: ANN, upToSeq: 1, readAt: '' }]);
    expect(messageStatus(state, 'a', mine)).toBe('read');
  });

  it('shows outbox sends as pending or failed provisional messages', () => {
    const state: ChatState = {
      ...withMe(),
      outbox: [
        {
          id: 'cm1',
          kind: 'send',
          chatId: 'a',
          payload: { chatId: 'a', clientMessageId: 'cm1', content: 'hi' },
          createdAt: '',
          attempts: 0,
          status: 'failed',
          error: { code: 'BLOCKED', message: 'no' },
        },
      ],
    };
    const [pending] = pendingMessages(state, 'a');
    expect(pending).toMatchObject({ id: 'cm1', content: 'hi', status: 'failed', seq: null, senderId: ME });
    expect(messageStatus(state, 'a', pending!)).toBe('failed');
  });
});

describe('sync', () => {
  const result = (over: Partial<Parameters<typeof applySyncResult>[1]>) => ({
    messages: [],
    changed: [],
    reads: [],
    chats: [],
    removedChatIds: [],
    hidden: [],
    serverTime: '2026-01-02T00:00:00.000Z',
    truncated: false,
    ...over,
  });

  it('asks from each chat’s watermark and closes the gap it fills', () => {
    let state = upsertChats(withMe(), [chat('a', 2)]);
    state = applyMessages(state, [message('a', 5)]); // live, after a gap
    const req = syncRequest(state);
    expect(req.since).toEqual({ a: 2 });
    state = applySyncResult(state, result({ messages: [message('a', 3), message('a', 4)] }), req);
    expect(state.messages.a?.seqs).toEqual([3, 4, 5]);
    expect(state.messages.a?.syncedSeq).toBe(5);
  });

  it('moves past a hidden message once the sync is complete, not while truncated', () => {
    let state = applyMessages(upsertChats(withMe(), [chat('a', 0)]), [message('a', 1), message('a', 3)]);
    const req = syncRequest(state);
    state = applySyncResult(state, result({ truncated: true }), req);
    expect(state.messages.a?.syncedSeq).toBe(1);
    state = applySyncResult(state, result({}), req);
    expect(state.messages.a?.syncedSeq).toBe(3);
  });

  it('adds new chats and drops removed ones', () => {
    let state = upsertChats(withMe(), [chat('a', 0)]);
    state = applySyncResult(
      state,
      result({ chats: [chat('b', 7)], removedChatIds: ['a'] }),
      syncRequest(state),
    );
    expect(Object.keys(state.chats)).toEqual(['b']);
    expect(state.messages.b).toMatchObject({ syncedSeq: 7, hasMoreBefore: true, seqs: [] });
  });
});
