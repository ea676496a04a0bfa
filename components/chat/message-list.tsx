'use client';

import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef } from 'react';
import type { ChatListItemDto, MessageDto } from '@/lib/chat/dto';
import { buildRows } from '@/lib/client/message-rows';
import type { PendingMessage } from '@/lib/client/store';
import { senderName } from './chat-title';
import { IncomingAnnouncer } from './incoming-announcer';
import { MessageRowView, rowView, type MessageActions, type ThreadFacts } from './message-row';
import { useJumpTo } from './use-jump-to';
import { useRovingFocus } from './use-roving-focus';
import { AT_END_PX, useStayAtEnd } from './use-stay-at-end';

/** Older history starts loading this far before the top is reached. */
const LOAD_AHEAD_PX = 600;

export interface MessageListProps {
  chat: ChatListItemDto;
  meId: string;
  /** Oldest first. */
  messages: MessageDto[];
  pending: PendingMessage[];
  /** My read watermark when the chat was opened: where "New messages" goes. */
  readAtOpen: number;
  loading: boolean;
  older: { has: boolean; loading: boolean; load(): void };
  /** I may delete others' messages (a group's admin or moderator). */
  moderates: boolean;
  /** Whether I block this person: their messages in a group are hidden until shown. */
  blocks(userId: string): boolean;
  /** Whether a text holds one of my hidden words: such messages from others are hidden until shown. */
  hides(text: string): boolean;
  /** Kept the same while the chat is open: rows are memoised and do not re-render for new functions. */
  actions: MessageActions;
  /** The newest message is on screen and unread. */
  onReadNewest(): void;
  /** A message to bring into view, focus and highlight (a search hit); loads history until it is there. */
  jumpTo: { id: string; seq: number } | null;
  onJumped(): void;
}

/**
 * The thread's messages, virtualised always: only the rows near the viewport
 * are in the DOM, however long the history. One code path for every chat
 * keeps prepend anchoring, following and jumps tested at any size; a
 * threshold would leave short chats on a second, rarely exercised path.
 * The price is that the browser's find-in-page sees only nearby messages;
 * the chat search covers the whole history.
 */
export function MessageList(props: MessageListProps) {
  const { chat, meId, messages, pending, older, jumpTo } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const rows = useMemo(
    () => buildRows(messages, pending, { meId, readAtOpen: props.readAtOpen }),
    [messages, pending, meId, props.readAtOpen],
  );
  const keys = useMemo(() => rows.map((r) => r.key), [rows]);

  const roving = useRovingFocus({
    keys,
    log,
    reveal: (index, align) => virtualizer.scrollToIndex(index, { align }),
    older,
  });
  const activeIndex = roving.activeIndex;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    getItemKey: (index) => rows[index]?.key ?? index,
    // Bottom-anchored: a prepend keeps the row on screen still, and appends are followed at the end.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
    overscan: 8,
    paddingStart: 8,
    paddingEnd: 8,
    // The tab stop is always rendered, even far from the viewport, so Tab can reach the list.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
  });

  const { atEnd, onScroll } = useStayAtEnd({
    scroller,
    scrollToEnd: () => virtualizer.scrollToEnd(),
    count: rows.length,
    lastPending: pending.at(-1)?.clientMessageId,
  });

  const newest = messages.at(-1);
  const lastRead = chat.participants.find((p) => p.id === meId)?.lastReadSeq ?? 0;
  const readNewest = useEffectEvent(() => props.onReadNewest());
  useEffect(() => {
    if (!newest || newest.seq <= lastRead || !atEnd || document.visibilityState !== 'visible') return;
    const timer = setTimeout(() => readNewest(), 300);
    return () => clearTimeout(timer);
  }, [newest, lastRead, atEnd]);

  const highlight = useJumpTo({
    target: jumpTo,
    keys,
    oldestSeq: messages[0]?.seq,
    older,
    focusKey: roving.focusKey,
    onDone: props.onJumped,
  });

  // Every receipt brings new participants, but their names rarely change: every row gets nameOf
  // (for its quote), so it stays the same function until a name changes.
  const namesKey = JSON.stringify(chat.participants.map((p) => [p.id, p.name]));
  const names = useMemo(() => new Map(JSON.parse(namesKey) as [string, string][]), [namesKey]);
  const nameOf = useCallback((id: string | null) => senderName(names, meId, id), [meId, names]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const facts: ThreadFacts = {
    meId,
    group: chat.type === 'GROUP',
    moderates: props.moderates,
    names,
    others: chat.participants.filter((p) => p.id !== meId),
    byId,
    blocks: props.blocks,
    hides: props.hides,
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          onScroll(el);
          if (el.scrollTop < LOAD_AHEAD_PX && older.has && !older.loading) older.load();
        }}
        className="h-full overflow-y-auto px-3"
      >
        {props.loading && <p className="p-4 text-center text-sm text-slate-600">Loading messages…</p>}
        {!props.loading && rows.length === 0 && (
          <p className="p-4 text-center text-sm text-slate-600 dark:text-slate-400">
            No messages yet. Say hello!
          </p>
        )}
        {/* Rows come and go as the reader scrolls, so the log itself is not live; arrivals are announced below. */}
        <div
          ref={log}
          role="log"
          aria-live="off"
          aria-label="Messages"
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="absolute top-0 left-0 w-full py-0.5"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <MessageRowView
                  row={row}
                  active={row.key === roving.activeKey}
                  highlight={row.key === highlight}
                  {...rowView(row, facts)}
                  nameOf={nameOf}
                  actions={props.actions}
                />
              </div>
            );
          })}
        </div>
      </div>
      {older.loading && (
        <p className="absolute top-1 left-1/2 -translate-x-1/2 rounded-full bg-white px-2 text-xs text-slate-600 shadow dark:bg-slate-800 dark:text-slate-400">
          Loading earlier messages…
        </p>
      )}
      {!atEnd && (
        <button
          type="button"
          onClick={() => virtualizer.scrollToEnd()}
          className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-slate-800 px-3 py-1 text-sm text-white shadow dark:bg-slate-600"
        >
          Jump to latest ↓
        </button>
      )}
      <IncomingAnnouncer messages={messages} meId={meId} names={names} hides={props.hides} />
    </div>
  );
}
