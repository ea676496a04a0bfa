// The thread as rows for the virtual list: one row per message, carrying the
// day heading and the "New messages" divider that sit above it.
import type { MessageDto } from '../chat/dto';
import { dayOf } from './format';
import type { PendingMessage } from './store';

type Shown = Pick<MessageDto, 'id' | 'content' | 'createdAt' | 'editedAt' | 'deletedAt' | 'type'>;

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
        type: 'TEXT',
      },
    });
  }
  return rows;
}
