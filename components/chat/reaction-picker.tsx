'use client';

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { QUICK_REACTIONS, searchEmoji, useEmojiList, type EmojiEntry } from './emoji-data';

const COLUMNS = 8;

/**
 * "Add reaction": a button that opens a small dialog with the quick row of
 * six (← → Home End move, Enter picks) and "More reactions", which opens
 * the full list with a search box: typing filters, the arrow keys move
 * through the grid (↑ ↓ by rows) while focus stays in the box, Enter picks.
 * Escape closes it from anywhere and focus goes back to the button; so does
 * a pick. Portalled like the message menu, so the virtual list cannot clip it.
 */
export function ReactionPicker(props: { mine: Set<string>; onPick(emoji: string): void }) {
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const dialogId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    setFull(false);
    if (refocus) button.current?.focus({ preventScroll: true });
  };
  const pick = (emoji: string) => {
    close(true);
    props.onPick(emoji);
  };

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const el = dialog.current;
      const rect = button.current?.getBoundingClientRect();
      if (!el || !rect) return;
      const below = window.innerHeight - rect.bottom;
      const up = below < el.offsetHeight + 8 && rect.top > below;
      el.style.top = up ? '' : `${rect.bottom + 4}px`;
      el.style.bottom = up ? `${window.innerHeight - rect.top + 4}px` : '';
      const right = rect.left + rect.width / 2 > window.innerWidth / 2;
      el.style.left = right ? '' : `${Math.max(4, rect.left)}px`;
      el.style.right = right ? `${Math.max(4, window.innerWidth - rect.right)}px` : '';
    };
    place();
    // A press anywhere else closes it (focus may not move: the list's background takes none).
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!dialog.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    document.addEventListener('pointerdown', outside, true);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
      document.removeEventListener('pointerdown', outside, true);
    };
  }, [open, full]);

  // Keys stop here: the portal still bubbles React events to the message list's handlers.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
      e.stopPropagation();
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label="Add reaction"
        title="Add reaction"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        onClick={() => (open ? close(true) : setOpen(true))}
        className="shrink-0 rounded-full px-1.5 py-0.5 text-base leading-none text-slate-700 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 hover:bg-slate-200 focus:opacity-100 aria-expanded:bg-slate-200 aria-expanded:opacity-100 dark:text-slate-300 dark:hover:bg-slate-700 dark:aria-expanded:bg-slate-700 [@media(hover:none)]:opacity-100"
      >
        <span aria-hidden="true">☺︎+</span>
      </button>
      {open &&
        createPortal(
          <div
            ref={dialog}
            id={dialogId}
            role="dialog"
            aria-label="React to message"
            onKeyDown={onKeyDown}
            // Tab out of it closes it; focus lost to nothing (the quick row giving way to the search) does not.
            onBlur={(e) => {
              const to = e.relatedTarget as Node | null;
              if (to && !e.currentTarget.contains(to) && to !== button.current) close(false);
            }}
            className="fixed z-50 w-80 max-w-[calc(100vw-8px)] rounded-lg border border-slate-300 bg-white p-2 text-slate-900 shadow-lg dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
          >
            {full ? (
              <FullPicker mine={props.mine} onPick={pick} />
            ) : (
              <QuickRow mine={props.mine} onPick={pick} onMore={() => setFull(true)} />
            )}
          </div>,
          document.body,
        )}
    </>
  );
}

function label(entry: EmojiEntry, mine: Set<string>): string {
  return mine.has(entry.emoji)
    ? `Remove your ${entry.emoji} ${entry.name}`
    : `React with ${entry.emoji} ${entry.name}`;
}

/** The six, then "More reactions": a toolbar with one tab stop and arrow keys. */
function QuickRow(props: { mine: Set<string>; onPick(emoji: string): void; onMore(): void }) {
  const row = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(0);
  const count = QUICK_REACTIONS.length + 1;
  useLayoutEffect(() => {
    row.current?.querySelectorAll<HTMLElement>('button')[at]?.focus({ preventScroll: true });
  }, [at]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % count
        : e.key === 'ArrowLeft'
          ? (at - 1 + count) % count
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? count - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    setAt(next);
  };
  return (
    <div ref={row} role="toolbar" aria-label="Quick reactions" onKeyDown={onKeyDown} className="flex gap-1">
      {QUICK_REACTIONS.map((entry, i) => (
        <button
          key={entry.emoji}
          type="button"
          tabIndex={i === at ? 0 : -1}
          aria-label={label(entry, props.mine)}
          aria-pressed={props.mine.has(entry.emoji)}
          title={entry.name}
          onClick={() => props.onPick(entry.emoji)}
          onFocus={() => setAt(i)}
          className="rounded-full p-1 text-2xl leading-none hover:bg-slate-100 focus:bg-slate-100 aria-pressed:bg-blue-100 dark:hover:bg-slate-700 dark:focus:bg-slate-700 dark:aria-pressed:bg-blue-900"
        >
          <span aria-hidden="true">{entry.emoji}</span>
        </button>
      ))}
      <button
        type="button"
        tabIndex={at === QUICK_REACTIONS.length ? 0 : -1}
        aria-label="More reactions…"
        title="More reactions"
        onClick={props.onMore}
        onFocus={() => setAt(QUICK_REACTIONS.length)}
        className="rounded-full px-2 text-xl leading-none text-slate-700 hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-700 dark:focus:bg-slate-700"
      >
        <span aria-hidden="true">＋</span>
      </button>
    </div>
  );
}

/** The searchable list: a combobox whose listbox is the grid of emoji. */
function FullPicker(props: { mine: Set<string>; onPick(emoji: string): void }) {
  const { loaded, retry } = useEmojiList(true);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const shown = loaded.state === 'ready' ? searchEmoji(loaded.emoji, query) : [];
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${listId}-${i}`;

  useLayoutEffect(() => input.current?.focus({ preventScroll: true }), []);
  useLayoutEffect(() => {
    list.current
      ?.querySelector(`[id="${CSS.escape(optionId(current))}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    const move: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: COLUMNS,
      ArrowUp: -COLUMNS,
    };
    if (e.key in move && last >= 0) {
      // ← → move through the grid rather than the query's text: a search is a word or two.
      e.preventDefault();
      setActive(Math.max(0, Math.min(last, current + (move[e.key] ?? 0))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const entry = shown[current];
      if (entry) props.onPick(entry.emoji);
    }
  };

  const entry = shown[current];
  return (
    <div className="flex flex-col gap-2">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search emoji"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={entry ? optionId(current) : undefined}
        placeholder="Search emoji"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-600"
      />
      {loaded.state === 'loading' && (
        <p className="p-2 text-sm text-slate-600 dark:text-slate-400">Loading emoji…</p>
      )}
      {loaded.state === 'error' && (
        <p role="alert" className="p-2 text-sm">
          Could not load the emoji.{' '}
          <button type="button" onClick={retry} className="underline">
            Retry
          </button>
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <div
            ref={list}
            id={listId}
            role="listbox"
            aria-label="Emoji"
            className="grid max-h-56 grid-cols-8 gap-0.5 overflow-y-auto"
          >
            {shown.map((e, i) => (
              <div
                key={e.emoji}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                aria-label={label(e, props.mine)}
                title={e.name}
                onMouseDown={(ev) => ev.preventDefault()}
                onClick={() => props.onPick(e.emoji)}
                className="cursor-pointer rounded p-0.5 text-center text-2xl leading-tight aria-selected:bg-blue-100 aria-selected:ring-2 aria-selected:ring-blue-700 dark:aria-selected:bg-blue-900"
              >
                <span aria-hidden="true">{e.emoji}</span>
              </div>
            ))}
          </div>
          <p aria-live="polite" className="min-h-5 truncate text-xs text-slate-600 dark:text-slate-400">
            {shown.length === 0
              ? `No emoji match “${query.trim()}”`
              : entry
                ? `${entry.emoji} ${entry.name}`
                : ''}
          </p>
        </>
      )}
    </div>
  );
}
