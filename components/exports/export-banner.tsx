'use client';

import { useState } from 'react';
import type { ExportDto } from '@/lib/exports/dto';
import { useExports } from './use-exports';

/**
 * The chat app's notice of an export: its progress while it is built, then
 * a download link once it is ready (export_ready on the socket, or the
 * poll). Exports that finished before this page opened are left to
 * Settings › Your data.
 */
export function ExportBanner() {
  const exports = useExports();
  const [openedAt] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState<string[]>([]);
  const shown = exports.data?.find(
    (e) =>
      !dismissed.includes(e.id) &&
      (e.status === 'queued' ||
        e.status === 'running' ||
        ((e.status === 'ready' || e.status === 'failed') &&
          e.finishedAt !== null &&
          Date.parse(e.finishedAt) >= openedAt - 5000)),
  );
  return (
    <div role="status" aria-live="polite">
      {shown && (
        <div className="flex flex-wrap items-center gap-3 border-b border-blue-200 bg-blue-50 px-4 py-2 text-sm dark:border-blue-800 dark:bg-blue-950">
          <Message job={shown} />
          <button
            type="button"
            onClick={() => setDismissed((d) => [...d, shown.id])}
            className="ml-auto rounded px-2 py-1 underline"
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function Message({ job }: { job: ExportDto }) {
  const what = job.scope === 'chat' ? 'chat export' : 'data export';
  if (job.status === 'ready' && job.downloadUrl) {
    return (
      <span>
        Your {what} is ready.{' '}
        <a href={job.downloadUrl} download className="font-medium text-blue-700 underline dark:text-blue-400">
          Download
        </a>
      </span>
    );
  }
  if (job.status === 'failed')
    return (
      <span>
        Your {what} could not be prepared. {job.error}
      </span>
    );
  const percent = Math.round(job.progress * 100);
  return (
    <span className="flex items-center gap-2">
      <label htmlFor={`export-${job.id}`}>Preparing your {what}…</label>
      <progress id={`export-${job.id}`} max={100} value={percent} className="w-32">
        {percent}%
      </progress>
      <span aria-hidden="true">{percent}%</span>
    </span>
  );
}
