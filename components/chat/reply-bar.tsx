'use client';

/** Above the composer while replying: to whom and what, with a way out (× or Escape). */
export function ReplyBar(props: { id: string; name: string; snippet: string; onCancel(): void }) {
  return (
    <div
      className="mb-2 flex items-center gap-2 rounded-lg border-l-4 border-blue-700 bg-slate-100 py-1 pr-1 pl-3 text-sm dark:border-sky-400 dark:bg-slate-800"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <p id={props.id} className="min-w-0 flex-1 truncate">
        <span className="font-semibold text-blue-800 dark:text-sky-300">Replying to {props.name}</span>
        <span className="text-slate-700 dark:text-slate-300">: {props.snippet}</span>
      </p>
      <button
        type="button"
        aria-label="Cancel reply"
        title="Cancel reply (Esc)"
        onClick={props.onCancel}
        className="rounded-full px-2 text-lg leading-none text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
