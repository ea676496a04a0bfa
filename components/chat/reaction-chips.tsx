'use client';

import { useId, useRef, useState } from 'react';
import type { ReactionDto } from '@/lib/chat/dto';

/** "Ann, Bob and you": who reacted, by name, you last. */
export function whoReacted(r: ReactionDto, meId: string, nameOf: (id: string) => string): string {
  const others = r.userIds.filter((id) => id !== meId).map(nameOf);
  const names = r.userIds.includes(meId) ? [...others, 'you'] : others;
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const LONG_PRESS_MS = 500;

/** One emoji under a message: its count, pressed when it is mine; who reacted on hover, focus or a long press. */
function Chip(props: { reaction: ReactionDto; meId: string; nameOf(id: string): string; onToggle(): void }) {
  const { reaction: r } = props;
  const [tip, setTip] = useState(false);
  const tipId = useId();
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; long: boolean } | null>(null);
  const mine = r.userIds.includes(props.meId);
  const who = whoReacted(r, props.meId, props.nameOf);
  return (
    <li className="relative">
      <button
        type="button"
        aria-pressed={mine}
        aria-label={`${r.emoji} ${r.count}: ${who}. ${mine ? 'Remove your reaction' : 'React with it too'}`}
        aria-describedby={tip ? tipId : undefined}
        onClick={() => {
          // A long press showed who reacted; it does not toggle too.
          if (press.current?.long) return;
          props.onToggle();
        }}
        onMouseEnter={() => setTip(true)}
        onMouseLeave={() => setTip(false)}
        onFocus={() => setTip(true)}
        onBlur={() => setTip(false)}
        onKeyDown={(e) => e.key === 'Escape' && tip && (e.stopPropagation(), setTip(false))}
        onPointerDown={(e) => {
          if (e.pointerType === 'mouse') return;
          const state = {
            long: false,
            timer: setTimeout(() => ((state.long = true), setTip(true)), LONG_PRESS_MS),
          };
          press.current = state;
        }}
        onPointerUp={() => press.current && clearTimeout(press.current.timer)}
        onPointerCancel={() => press.current && clearTimeout(press.current.timer)}
        onContextMenu={(e) => press.current?.long && e.preventDefault()}
        data-emoji={r.emoji}
        className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm leading-none ${
          mine
            ? 'border-blue-700 bg-blue-50 text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100'
            : 'border-slate-300 bg-white text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'
        }`}
      >
        <span aria-hidden="true">{r.emoji}</span>
        <span aria-hidden="true" className="tabular-nums">
          {r.count}
        </span>
      </button>
      {tip && (
        <span
          id={tipId}
          role="tooltip"
          className="absolute bottom-full left-0 z-20 mb-1 w-max max-w-60 rounded bg-slate-900 px-2 py-1 text-xs text-white shadow dark:bg-slate-100 dark:text-slate-900"
        >
          {who} reacted with {r.emoji}
        </span>
      )}
    </li>
  );
}

export function ReactionChips(props: {
  reactions: ReactionDto[];
  mine: boolean;
  meId: string;
  nameOf(id: string): string;
  onToggle(emoji: string): void;
}) {
  if (props.reactions.length === 0) return null;
  return (
    <ul
      aria-label="Reactions"
      className={`mt-0.5 flex flex-wrap gap-1 px-1 ${props.mine ? 'justify-end' : 'justify-start'}`}
    >
      {props.reactions.map((r) => (
        <Chip
          key={r.emoji}
          reaction={r}
          meId={props.meId}
          nameOf={props.nameOf}
          onToggle={() => props.onToggle(r.emoji)}
        />
      ))}
    </ul>
  );
}
