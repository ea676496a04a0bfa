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

/** Initials on a colour taken from the id; a presence dot when `online` is given. */
export function Avatar({ id, name, online }: { id: string; name: string; online?: boolean }) {
  return (
    <span className="relative inline-flex shrink-0">
      <span
        aria-hidden
        className={`inline-flex h-10 w-10 items-center justify-center rounded-full text-sm font-semibold text-white ${colorOf(id)}`}
      >
        {initials(name)}
      </span>
      {online !== undefined && (
        <span
          aria-hidden
          className={`absolute right-0 bottom-0 h-3 w-3 rounded-full border-2 border-white dark:border-slate-900 ${online ? 'bg-green-600' : 'bg-slate-400'}`}
        />
      )}
    </span>
  );
}
