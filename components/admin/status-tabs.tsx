'use client';

import { useRef, type KeyboardEvent } from 'react';
import type { ReportFilter } from './types';

export const FILTERS: { value: ReportFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'actioned', label: 'Actioned' },
  { value: 'all', label: 'All' },
];

/**
 * The queue's filter as WAI-ARIA tabs: one tab stop, ← → Home End move and
 * select (the panel is one cheap list, so selection follows focus).
 */
export function StatusTabs(props: { value: ReportFilter; panelId: string; onChange(v: ReportFilter): void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = FILTERS.findIndex((f) => f.value === props.value);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % FILTERS.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + FILTERS.length) % FILTERS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? FILTERS.length - 1
              : -1;
    const next = FILTERS[to];
    if (!next) return;
    e.preventDefault();
    props.onChange(next.value);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <div
      ref={list}
      role="tablist"
      aria-label="Report status"
      onKeyDown={onKeyDown}
      className="flex gap-1 overflow-x-auto px-3"
    >
      {FILTERS.map((f) => {
        const selected = f.value === props.value;
        return (
          <button
            key={f.value}
            type="button"
            role="tab"
            id={`tab-${f.value}`}
            aria-selected={selected}
            aria-controls={props.panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onChange(f.value)}
            className={`rounded-full px-3 py-1 text-sm font-medium whitespace-nowrap ${
              selected
                ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
                : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
            }`}
          >
            {f.label}
          </button>
        );
      })}
    </div>
  );
}
