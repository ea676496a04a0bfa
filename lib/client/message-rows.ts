// The thread as rows for the virtual list: one row per message, carrying the
// day heading and the "New messages" divider that sit above it.
import type { MessageDto } from '../chat/dto';
import { dayOf } from './format';
import type { PendingMessage } from './store';

type Shown = Pick<
  MessageDto,
  'id' | 'content' | 'createdAt' | 'editedAt' | 'deletedAt' | 'type' | 'attachments'
>;

export type MessageRow =
  | {
      kind: 'message';
      key: string;
      message: MessageDto;
      /** The day heading to show above this message, when it starts a day. */
      day: string | null;
      /** The first unread message from someone else since the chat was opened. */
      firstUnread: boolean;
      /** In groups, whose message starts a run (the name is shown once per run). */
      startsRun: boolean;
    }
  | { kind: 'pending'; key: string; message: Shown; pending: PendingMessage };

/**
 * Headings travel with the message below them rather than being rows of
 * their own: when older history is prepended, the list keeps the row at the
 * top of the viewport still, and that row must be a message that survives
 * the prepend (a day heading moves up to the new first message of its day).
 */
export function buildRows(
  messages: MessageDto[],
  pending: PendingMessage[],
  opts: { meId: string; readAtOpen: number },
): MessageRow[] {
  const rows: MessageRow[] = [];
  let prev: MessageDto | undefined;
  let prevDate = '';
  for (const m of messages) {
    // toDateString is cheap; the localised heading is made once per day.
    const date = new Date(m.createdAt).toDateString();
    const newDay = !prev || date !== prevDate;
    rows.push({
      kind: 'message',
      key: m.id,
      message: m,
      day: newDay ? dayOf(m.createdAt) : null,
      firstUnread:
        m.seq > opts.readAtOpen && (!prev || prev.seq <= opts.readAtOpen) && m.senderId !== opts.meId,
      startsRun: newDay || prev?.senderId !== m.senderId,
    });
    prev = m;
    prevDate = date;
  }
  for (const p of pending) {
    rows.push({
      kind: 'pending',
      key: p.clientMessageId,
      pending: p,
      message: {
        id: p.clientMessageId,
        content: p.content,
        createdAt: p.createdAt,
        editedAt: null,
        deletedAt: null,
        type: p.media?.type ?? 'TEXT',
        attachments: null,
      },
    });
  }
  return rows;
}

/**
 * Whether two builds of a row show the same thing. Rows are rebuilt whenever
 * the history or the pending list changes, but the messages in them keep
 * their identity until they change, so a memoised row can compare parts
 * instead of re-rendering for every message that arrives.
 */
export function sameRow(a: MessageRow, b: MessageRow): boolean {
  // A pending row's message is made from its PendingMessage on every build.
  if (a.kind === 'pending') return b.kind === 'pending' && a.key === b.key && a.pending === b.pending;
  return (
    b.kind === 'message' &&
    a.key === b.key &&
    a.message === b.message &&
    a.day === b.day &&
    a.firstUnread === b.firstUnread &&
    a.startsRun === b.startsRun
  );
}
