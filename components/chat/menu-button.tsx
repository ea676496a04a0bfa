'use client';

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  id: string;
  /** Shown, and the item's accessible name. */
  label: string;
  onSelect(): void;
  danger?: boolean;
  /** Kept in place (focusable, announced as unavailable) rather than removed under the reader's focus. */
  disabled?: boolean;
}

export interface MenuClock {
  openedAt: number;
  now: number;
}

/**
 * A button that opens a menu, following the WAI-ARIA menu button pattern:
 * Enter or Space open it on the first item; ↑ ↓ Home End move, a letter
 * jumps to the next item starting with it; Escape and Tab close it and give
 * focus back to the button. The pattern's optional ↓/↑ on the button is
 * left out: in the message list the arrows move between messages.
 *
 * The menu is portalled to <body> at fixed coordinates, so a scrolling or
 * virtualised list can neither clip nor shift it, and the message log's live
 * region does not read its items out. While open, the clock passed to
 * `items` ticks every second, so time-bound items stay true.
 */
export function MenuButton(props: {
  label: string;
  items(clock: MenuClock): MenuItem[];
  className?: string;
  children: ReactNode;
  /** Where focus goes if the button is removed while it has it (say, its message was deleted). */
  focusWhenRemoved?(button: HTMLButtonElement): HTMLElement | null | undefined;
}) {
  const [clock, setClock] = useState<MenuClock | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const buttonId = useId();
  const menuId = useId();
  const open = clock !== null;
  const items = clock ? props.items(clock) : [];

  const itemEls = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusItem = (index: number) => {
    const all = itemEls();
    all[(index + all.length) % all.length]?.focus({ preventScroll: true });
  };
  const show = () => {
    // eslint-disable-next-line react-hooks/purity -- called from event handlers only, never while rendering
    const now = Date.now();
    setClock({ openedAt: now, now });
  };
  const close = (refocus: boolean) => {
    setClock(null);
    if (refocus) button.current?.focus({ preventScroll: true });
  };

  // A layout cleanup runs while the button is still in the document, so focus can be handed on.
  const focusWhenRemoved = useRef(props.focusWhenRemoved);
  useLayoutEffect(() => {
    focusWhenRemoved.current = props.focusWhenRemoved;
  });
  useLayoutEffect(() => {
    const el = button.current;
    return () => {
      if (el && document.activeElement === el) focusWhenRemoved.current?.(el)?.focus();
    };
  }, []);

  // Placed before paint: below the button, or above when there is no room; towards the screen's middle.
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const el = menu.current;
      const rect = button.current?.getBoundingClientRect();
      if (!el || !rect) return;
      const below = window.innerHeight - rect.bottom;
      const up = below < el.offsetHeight + 8 && rect.top > below;
      el.style.top = up ? '' : `${rect.bottom + 4}px`;
      el.style.bottom = up ? `${window.innerHeight - rect.top + 4}px` : '';
      const right = rect.left + rect.width / 2 > window.innerWidth / 2;
      el.style.left = right ? '' : `${rect.left}px`;
      el.style.right = right ? `${window.innerWidth - rect.right}px` : '';
    };
    place();
    focusItem(0);
    // The list under it may scroll (a new message arrives): the menu follows its button.
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    const timer = setInterval(() => setClock((c) => c && { ...c, now: Date.now() }), 1000);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
      clearInterval(timer);
    };
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const select = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  // Keys are stopped here: the portal still bubbles React events to the message list's handlers.
  const onMenuKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = itemEls();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') focusItem(at + 1);
    else if (e.key === 'ArrowUp') focusItem(at - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(-1);
    else if (e.key === 'Escape' || e.key === 'Tab') close(true);
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      const k = e.key.toLowerCase();
      const next = [...all.slice(at + 1), ...all.slice(0, at + 1)].find((el) =>
        el.textContent?.trim().toLowerCase().startsWith(k),
      );
      next?.focus({ preventScroll: true });
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <>
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-label={props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(true) : show())}
        className={props.className}
      >
        {props.children}
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-labelledby={buttonId}
            onKeyDown={onMenuKeyDown}
            // Closing when focus leaves covers clicks elsewhere and switching windows.
            onBlur={(e) => {
              const to = e.relatedTarget as Node | null;
              if (!e.currentTarget.contains(to) && to !== button.current) close(false);
            }}
            className="fixed z-50 min-w-44 rounded-lg border border-slate-300 bg-white py-1 text-sm text-slate-900 shadow-lg dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
          >
            {items.map((item) => (
              <button
                key={item.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled || undefined}
                onClick={() => select(item)}
                onMouseMove={(e) => e.currentTarget.focus({ preventScroll: true })}
                className={`block w-full px-3 py-1.5 text-left outline-none ${
                  item.disabled
                    ? 'text-slate-600 italic focus:bg-slate-100 dark:text-slate-300 dark:focus:bg-slate-700'
                    : `focus:bg-blue-700 focus:text-white ${item.danger ? 'text-red-700 dark:text-red-300' : ''}`
                }`}
              >
                {item.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
