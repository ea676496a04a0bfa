'use client';

import { useEffect, useState } from 'react';
import { errorMessage } from '@/lib/client/rest';

/** The time now, refreshed every `everyMs`, for due times and "overdue". */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The server's message for a failed call, or the console's usual fallback. */
export function errorText(error: unknown, fallback = 'That did not work. Try again.'): string {
  return errorMessage(error, fallback);
}

export function Loading({ children }: { children: string }) {
  return (
    <p role="status" className="py-3 text-sm text-slate-600 dark:text-slate-400">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="py-3 text-sm text-slate-600 dark:text-slate-400">{children}</p>;
}

export function LoadError(props: { error: unknown; what: string; onRetry(): void }) {
  return (
    <div role="alert" className="my-3 rounded-lg border border-red-300 p-3 text-sm dark:border-red-800">
      <p className="text-red-800 dark:text-red-300">
        Could not load {props.what}. {errorText(props.error, '')}
      </p>
      <button type="button" onClick={props.onRetry} className={`${BUTTON} mt-2`}>
        Try again
      </button>
    </div>
  );
}

export function LoadMore(props: { has: boolean; loading: boolean; onLoad(): void }) {
  if (!props.has) return null;
  return (
    <div className="py-3">
      <button type="button" onClick={props.onLoad} disabled={props.loading} className={`${BUTTON} w-full`}>
        {props.loading ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}

/** The console's secondary button. */
export const BUTTON =
  'rounded-lg border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60 dark:border-slate-500 dark:hover:bg-slate-800';
/** Its primary button. */
export const PRIMARY =
  'rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60';
export const DANGER =
  'rounded-lg bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60';
export const INPUT =
  'rounded-lg border border-slate-400 bg-white px-3 py-1.5 dark:border-slate-500 dark:bg-slate-800';
