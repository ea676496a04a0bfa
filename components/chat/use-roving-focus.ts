'use client';

import {
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';

const ROW = '[data-message-id]';
const CONTROL = 'a[href], button, input, select, textarea, [tabindex]';

export type Align = 'auto' | 'center';

/**
 * Roving focus over the messages of a (virtual) list: one message is in the
 * tab order, the newest unless the reader picked another; the arrow keys,
 * Home and End move between messages. `reveal` brings a row into view (and
 * so into the DOM); `older` loads history when ArrowUp runs off the top.
 */
export function useRovingFocus(opts: {
  keys: string[];
  log: RefObject<HTMLElement | null>;
  reveal(index: number, align: Align): void;
  older: { has: boolean; load(): void };
}) {
  const { keys, log } = opts;
  const [chosen, setChosen] = useState<string | null>(null);
  const chosenIndex = chosen === null ? -1 : keys.indexOf(chosen);
  // A message that went away (a send that settled under a new id) hands the stop back to the newest.
  const activeIndex = chosenIndex >= 0 ? chosenIndex : keys.length - 1;
  const activeKey = keys[activeIndex];
  const focusWanted = useRef<string | null>(null);
  const upFrom = useRef<string | null>(null);

  const moveTo = (index: number, align: Align = 'auto') => {
    const key = keys[index];
    if (key === undefined) return;
    setChosen(key);
    focusWanted.current = key;
    opts.reveal(index, align);
  };

  // ArrowUp on the oldest loaded message asked for history: go on once it is here.
  useLayoutEffect(() => {
    const from = upFrom.current;
    if (from === null) return;
    const index = keys.indexOf(from);
    if (index > 0) {
      upFrom.current = null;
      const key = keys[index - 1];
      if (key === undefined) return;
      focusWanted.current = key;
      opts.reveal(index - 1, 'auto');
      setChosen(key);
    }
  }, [keys]); // eslint-disable-line react-hooks/exhaustive-deps -- reveal is read when the keys change

  useLayoutEffect(() => {
    const root = log.current;
    if (!root) return;
    // Controls in the other messages leave the tab order, so Tab goes from the list to the composer.
    for (const row of root.querySelectorAll<HTMLElement>(ROW)) {
      const active = row.dataset.messageId === activeKey;
      for (const el of row.querySelectorAll<HTMLElement>(CONTROL)) {
        if (!active && el.tabIndex >= 0) {
          el.dataset.roving = 'out';
          el.tabIndex = -1;
        } else if (active && el.dataset.roving === 'out') {
          delete el.dataset.roving;
          el.removeAttribute('tabindex');
        }
      }
    }
    const want = focusWanted.current;
    const el = want ? root.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(want)}"]`) : null;
    if (el) {
      focusWanted.current = null;
      // The list has already scrolled it into view; a native scroll would fight that.
      el.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const row = e.target as HTMLElement;
    // Keys pressed inside a control (a link, a menu button) belong to it.
    if (!row.matches(ROW) || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const index = keys.indexOf(row.dataset.messageId ?? '');
    if (index < 0) return;
    if (e.key === 'ArrowUp') {
      if (index > 0) moveTo(index - 1);
      else if (opts.older.has) {
        upFrom.current = keys[index] ?? null;
        opts.older.load();
      }
    } else if (e.key === 'ArrowDown') {
      if (index < keys.length - 1) moveTo(index + 1);
    } else if (e.key === 'Home') {
      moveTo(0);
    } else if (e.key === 'End') {
      moveTo(keys.length - 1);
    } else {
      return;
    }
    e.preventDefault();
  };

  // A click or Tab into a message (or a control in it) makes it the tab stop.
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>(ROW);
    const key = row?.dataset.messageId;
    if (key && key !== activeKey) setChosen(key);
  };

  return {
    activeIndex,
    activeKey,
    onKeyDown,
    onFocus,
    focusKey: (key: string) => moveTo(keys.indexOf(key), 'center'),
  };
}
