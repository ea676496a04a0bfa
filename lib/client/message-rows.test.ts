import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../chat/dto';
import { buildRows, sameRow, type MessageRow } from './message-rows';
import type { PendingMessage } from './store';

const at = (day: number, hour: number) => new Date(2024, 0, day, hour).toISOString();

function message(seq: number, senderId: string, createdAt: string): MessageDto {
  return {
    id: `m${seq}`,
    chatId: 'c',
    senderId,
    seq,
    type: 'TEXT',
    content: `message ${seq}`,
    attachments: null,
    replyToId: null,
    clientMessageId: null,
    createdAt,
    editedAt: null,
    deletedAt: null,
    flagged: false,
    reactions: [],
    linkPreview: null,
    expiresAt: null,
    forwarded: false,
    mentions: [],
  };
}

/** A send still on its way (not yet acked). */
const pending: PendingMessage = {
  clientMessageId: 'tmp-1',
  chatId: 'c',
  content: 'on its way',
  replyToId: null,
  createdAt: at(2, 12),
  failed: false,
};

describe('buildRows', () => {
  const messages = [
    message(1, 'ann', at(1, 9)),
    message(2, 'ann', at(1, 10)),
    message(3, 'bob', at(1, 11)),
    message(4, 'bob', at(2, 9)),
    message(5, 'me', at(2, 10)),
    message(6, 'ann', at(2, 11)),
  ];

  it('puts one heading on the first message of each day, and starts a run at each change of sender or day', () => {
    const rows = buildRows(messages, [], { meId: 'me', readAtOpen: 6 });
    expect(rows.map((r) => r.key)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(rows.map((r) => (r.kind === 'message' ? r.day !== null : null))).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
    expect(rows.map((r) => (r.kind === 'message' ? r.startsRun : null))).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it('marks the first message after the read watermark that someone else sent', () => {
    const rows = buildRows(messages, [], { meId: 'me', readAtOpen: 2 });
    expect(rows.filter((r) => r.kind === 'message' && r.firstUnread).map((r) => r.key)).toEqual(['m3']);
    // My own message right after the watermark is not "new" to me.
    const mine = buildRows(messages, [], { meId: 'me', readAtOpen: 4 });
    expect(mine.some((r) => r.kind === 'message' && r.firstUnread)).toBe(false);
  });

  it('keeps the heading of a day on its earliest loaded message when older history arrives', () => {
    const before = buildRows(messages.slice(1), [], { meId: 'me', readAtOpen: 6 });
    const after = buildRows(messages, [], { meId: 'me', readAtOpen: 6 });
    const headed = (rows: typeof before) =>
      rows.filter((r) => r.kind === 'message' && r.day !== null).map((r) => r.key);
    expect(headed(before)).toEqual(['m2', 'm4']);
    expect(headed(after)).toEqual(['m1', 'm4']);
  });

  it('puts messages still on their way after the stored ones, keyed by their client id', () => {
    const rows = buildRows(messages, [pending], { meId: 'me', readAtOpen: 6 });
    expect(rows.at(-1)).toMatchObject({ kind: 'pending', key: 'tmp-1', message: { content: 'on its way' } });
  });
});

describe('sameRow', () => {
  const opts = { meId: 'me', readAtOpen: 2 };
  const messages = [
    message(1, 'ann', at(1, 9)),
    message(2, 'ann', at(1, 10)),
    message(3, 'bob', at(1, 11)),
    message(4, 'me', at(2, 9)),
  ];
  /** The keys of the rows of `after` that differ from the row with the same key in `before`. */
  const changed = (before: MessageRow[], after: MessageRow[]) =>
    after
      .filter((row) => {
        const old = before.find((r) => r.key === row.key);
        return !old || !sameRow(old, row);
      })
      .map((r) => r.key);

  it('finds every row the same when the rows were only built again', () => {
    const before = buildRows(messages, [pending], opts);
    expect(changed(before, buildRows([...messages], [pending], opts))).toEqual([]);
  });

  it('tells apart an edited message, and the message a day heading moves off when older history arrives', () => {
    const before = buildRows(messages.slice(1), [pending], opts);
    const edited = messages.map((m) => (m.seq === 3 ? { ...m, content: 'fixed', editedAt: at(1, 12) } : m));
    expect(changed(before, buildRows(edited, [pending], opts))).toEqual(['m1', 'm2', 'm3']);
  });

  it('tells apart a send that failed', () => {
    const before = buildRows(messages, [pending], opts);
    expect(changed(before, buildRows(messages, [{ ...pending, failed: true }], opts))).toEqual(['tmp-1']);
  });

  // A part added to a row and not compared would leave rows showing it stale.
  it('notices a change in any part of a message row', () => {
    const row = buildRows(messages, [], opts)[0];
    if (!row) throw new Error('no row');
    for (const [key, value] of Object.entries(row)) {
      const other =
        typeof value === 'boolean' ? !value : typeof value === 'object' && value ? { ...value } : `${value}x`;
      expect(sameRow(row, { ...row, [key]: other } as MessageRow), key).toBe(false);
    }
  });

  it('compares a pending row by its pending message, not by the message made from it', () => {
    const [row] = buildRows([], [pending], opts);
    if (row?.kind !== 'pending') throw new Error('no pending row');
    expect(sameRow(row, { ...row, message: { ...row.message } })).toBe(true);
    expect(sameRow(row, { ...row, pending: { ...pending } })).toBe(false);
  });
});
