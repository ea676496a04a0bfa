'use client';

import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { insertMention, mentionQuery, mentionRanges, type Picked } from '@/lib/client/mentions';
import type { MentionDto } from '@/lib/chat/dto';

const SHOWN = 8;

/**
 * Typing "@" in a group's composer opens a list of its members, filtered by
 * what follows; ArrowUp/ArrowDown choose, Enter or Tab insert "@Name",
 * Escape closes. The box stays focused (aria-activedescendant points at the
 * chosen one). The picks become ranges when the message goes (`rangesFor`).
 */
export function useMentionPicker(options: {
  chatId: string;
  members: readonly Picked[] | undefined;
  box: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onText(value: string): void;
}) {
  const { chatId, members, box, text, onText } = options;
  const listId = useId();
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // Kept per chat: another chat's picks must not turn into its ranges.
  const [picks, setPicks] = useState<{ chatId: string; items: Picked[] }>({ chatId, items: [] });
  const picked = picks.chatId === chatId ? picks.items : [];
  const setPicked = (update: (items: Picked[]) => Picked[]) => setPicks({ chatId, items: update(picked) });

  const q = at?.query.toLowerCase() ?? '';
  const matches = at
    ? (members ?? [])
        .filter((m) => m.name.toLowerCase().includes(q))
        .sort(
          (a, b) => Number(b.name.toLowerCase().startsWith(q)) - Number(a.name.toLowerCase().startsWith(q)),
        )
        .slice(0, SHOWN)
    : [];
  const open = matches.length > 0;

  /** After a change or a caret move: is the caret in an "@…"? */
  const track = (value: string, caret: number | null) => {
    if (!members || members.length === 0 || caret === null) return setAt(null);
    const found = mentionQuery(value, caret);
    if (found && found.start === closedAt) return setAt(null);
    if (found?.start !== at?.start || found?.query !== at?.query) setActive(0);
    setAt(found);
    if (!found) setClosedAt(null);
  };

  const choose = (member: Picked) => {
    if (!at) return;
    const caret = box.current?.selectionStart ?? at.start + at.query.length + 1;
    const next = insertMention(text, at.start, caret, member.name);
    onText(next.text);
    setPicked((p) => [...p.filter((x) => x.userId !== member.userId), member]);
    setAt(null);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  /** Handles the key when the list is open; true when it did. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      const member = matches[active] ?? matches[0];
      if (member) choose(member);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      setClosedAt(at?.start ?? null);
      setAt(null);
      return true;
    }
    return false;
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const boxProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(active) : undefined,
  };

  const list = open ? (
    <ul
      id={listId}
      role="listbox"
      aria-label="Mention someone"
      className="mb-1 max-h-60 overflow-y-auto rounded-lg border border-slate-300 bg-white py-1 shadow-lg dark:border-slate-600 dark:bg-slate-800"
    >
      {matches.map((m, i) => (
        <li
          key={m.userId}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          // Keeps the focus in the box, so typing goes on after a click.
          onMouseDown={(e) => {
            e.preventDefault();
            choose(m);
          }}
          onMouseEnter={() => setActive(i)}
          className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? 'bg-blue-100 dark:bg-slate-700' : ''}`}
        >
          {m.name}
        </li>
      ))}
    </ul>
  ) : null;

  return {
    list,
    boxProps,
    track,
    onKeyDown,
    status: open ? `${matches.length} ${matches.length === 1 ? 'person matches' : 'people match'}` : '',
    /** The ranges of the picks still in `value`; the picks are forgotten. */
    take(value: string): MentionDto[] {
      const ranges = mentionRanges(value, picked);
      setPicked(() => []);
      setClosedAt(null);
      setAt(null);
      return ranges;
    },
  };
}
