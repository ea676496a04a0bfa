import { describe, expect, it } from 'vitest';
import { message } from './fixtures.js';
import { emptyMessages, hasGap, isStale, putMessages, putOlderPage, removeMessage } from './messages.js';

describe('putMessages', () => {
  it('keeps one copy per seq, ascending, whatever the arrival order', () => {
    let chat = emptyMessages(0);
    chat = putMessages(chat, [message('c', 3), message('c', 1)]);
    chat = putMessages(chat, [message('c', 2), message('c', 1), message('c', 3)]);
    expect(chat.seqs).toEqual([1, 2, 3]);
    expect(Object.keys(chat.bySeq)).toHaveLength(3);
    expect(chat.syncedSeq).toBe(3);
  });

  it('moves the watermark only over contiguous seqs', () => {
    let chat = putMessages(emptyMessages(0), [message('c', 1), message('c', 3)]);
    expect(chat.syncedSeq).toBe(1);
    expect(hasGap(chat, 4)).toBe(true);
    chat = putMessages(chat, [message('c', 2)]);
    expect(chat.syncedSeq).toBe(3);
    expect(hasGap(chat, 4)).toBe(false);
  });

  it('moves the watermark over a contiguous run with holes (hidden messages)', () => {
    const chat = putMessages(emptyMessages(0), [message('c', 1), message('c', 4)], { contiguous: true });
    expect(chat.syncedSeq).toBe(4);
  });

  it('replaces a message with its edit and keeps reactions the edit does not carry', () => {
    const reactions = [{ emoji: '👍', count: 1, userIds: ['u'] }];
    let chat = putMessages(emptyMessages(0), [message('c', 1, { reactions })]);
    const { reactions: _omit, ...edited } = message('c', 1, {
      content: 'edited',
      editedAt: '2026-01-02T00:00:00.000Z',
    });
    chat = putMessages(chat, [edited]);
    expect(chat.bySeq[1]).toMatchObject({ content: 'edited', reactions });
  });

  it('does not let an older version overwrite a newer one', () => {
    const deleted = message('c', 1, { content: '', deletedAt: '2026-01-02T00:00:00.000Z' });
    let chat = putMessages(emptyMessages(0), [deleted]);
    chat = putMessages(chat, [message('c', 1)]);
    expect(chat.bySeq[1]?.deletedAt).not.toBeNull();
    const later = message('c', 2, { content: 'b', editedAt: '2026-01-03T00:00:00.000Z' });
    const earlier = message('c', 2, { content: 'a', editedAt: '2026-01-02T00:00:00.000Z' });
    chat = putMessages(putMessages(chat, [later]), [earlier]);
    expect(chat.bySeq[2]?.content).toBe('b');
    expect(isStale(message('c', 2), later)).toBe(true);
  });

  it('returns the same object when nothing changed', () => {
    const chat = putMessages(emptyMessages(0), [message('c', 1, { editedAt: '2026-01-02T00:00:00.000Z' })]);
    expect(putMessages(chat, [message('c', 1)])).toBe(chat);
  });
});

describe('history pages and hiding', () => {
  it('joins an older page below the loaded messages without duplicates', () => {
    let chat = putMessages(emptyMessages(10), [message('c', 11), message('c', 12)]);
    chat = putOlderPage(chat, [message('c', 10), message('c', 9), message('c', 11)], true);
    expect(chat.seqs).toEqual([9, 10, 11, 12]);
    expect(chat.hasMoreBefore).toBe(true);
    expect(chat.syncedSeq).toBe(12);
  });

  it('drops a message deleted for me', () => {
    const chat = removeMessage(putMessages(emptyMessages(0), [message('c', 1), message('c', 2)]), 'c-m1');
    expect(chat.seqs).toEqual([2]);
    expect(chat.bySeq[1]).toBeUndefined();
  });
});
