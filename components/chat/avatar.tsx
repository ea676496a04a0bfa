'use client';
/* eslint-disable @next/next/no-img-element -- members-only media, object URLs and data URLs: Next's image optimizer can fetch none of them */

import { useState } from 'react';
import { initials } from '@/lib/client/format';

const COLORS = [
  'bg-rose-700',
  'bg-amber-700',
  'bg-emerald-700',
  'bg-sky-700',
  'bg-violet-700',
  'bg-teal-700',
];

function colorOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] ?? 'bg-slate-700';
}

/**
 * The photo when there is one (and it loads), else initials on a colour
 * taken from the id; a presence dot when `online` is given. Decorative: the
 * name is always written beside it.
 */
export function Avatar({
  id,
  name,
  online,
  src,
  size = 'md',
}: {
  id: string;
  name: string;
  online?: boolean;
  src?: string | null;
  size?: 'md' | 'lg';
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const box = size === 'lg' ? 'h-24 w-24 text-2xl' : 'h-10 w-10 text-sm';
  return (
    <span className="relative inline-flex shrink-0">
      {src && failed !== src ? (
        <img
          src={src}
          alt=""
          aria-hidden
          loading="lazy"
          onError={() => setFailed(src)}
          className={`${box} rounded-full bg-slate-200 object-cover dark:bg-slate-700`}
        />
      ) : (
        <span
          aria-hidden
          className={`inline-flex ${box} items-center justify-center rounded-full font-semibold text-white ${colorOf(id)}`}
        >
          {initials(name)}
        </span>
      )}
      {online !== undefined && (
        <span
          aria-hidden
          className={`absolute right-0 bottom-0 h-3 w-3 rounded-full border-2 border-white dark:border-slate-900 ${online ? 'bg-green-600' : 'bg-slate-400'}`}
        />
      )}
    </span>
  );
}
