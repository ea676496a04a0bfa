'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/client/rest';
import type { ExportDto } from '@/lib/exports/dto';
import { SettingsPage } from '../settings/settings-page';
import { useCreateExport, useDeleteExport, useExports } from './use-exports';

export function DataSettingsScreen() {
  return (
    <SettingsPage title="Your data">
      <Data />
    </SettingsPage>
  );
}

const FORMATS = [
  { value: 'both', label: 'Web page and JSON' },
  { value: 'html', label: 'Web page (HTML)' },
  { value: 'json', label: 'JSON, for other apps' },
] as const;

function Data() {
  const exports = useExports();
  const create = useCreateExport();
  const remove = useDeleteExport();
  const [format, setFormat] = useState<(typeof FORMATS)[number]['value']>('both');
  const [includeMedia, setIncludeMedia] = useState(true);
  const error = create.error ? errorMessage(create.error, 'Try again.') : '';
  return (
    <>
      <section aria-labelledby="download-heading" className="space-y-3">
        <h2 id="download-heading" className="text-lg font-semibold">
          Download my data
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          A zip of every chat you are or were in, your profile, sign-ins, blocks and reports. It is prepared
          in the background; the link works for 7 days. You can ask a few times a day.
        </p>
        <fieldset className="space-y-1">
          <legend className="font-medium">Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="flex items-center gap-2">
              <input
                type="radio"
                name="export-format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={includeMedia} onChange={(e) => setIncludeMedia(e.target.checked)} />
          Include photos, files and voice messages
        </label>
        <button
          type="button"
          disabled={create.isPending}
          onClick={() => create.mutate({ scope: 'account', format, includeMedia })}
          className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          Download my data
        </button>
        <p role="alert" className="text-sm">
          {error}
        </p>
      </section>
      <section aria-labelledby="exports-heading" className="space-y-3">
        <h2 id="exports-heading" className="text-lg font-semibold">
          Your exports
        </h2>
        {exports.isLoading && <p>Loading…</p>}
        {exports.data?.length === 0 && <p>None yet.</p>}
        <ul className="space-y-2" aria-live="polite">
          {exports.data?.map((job) => (
            <li
              key={job.id}
              className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            >
              <ExportRow job={job} />
              <button
                type="button"
                onClick={() => remove.mutate(job.id)}
                className="ml-auto rounded px-2 py-1 text-sm underline"
                aria-label={`Delete the export of ${new Date(job.createdAt).toLocaleString()}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function ExportRow({ job }: { job: ExportDto }) {
  const what = job.scope === 'chat' ? 'A chat' : 'All your data';
  const when = new Date(job.createdAt).toLocaleString();
  if (job.status === 'ready' && job.downloadUrl) {
    return (
      <span>
        {what}, {when}:{' '}
        <a href={job.downloadUrl} download className="font-medium text-blue-700 underline dark:text-blue-400">
          Download
        </a>{' '}
        ({Math.ceil((job.size ?? 0) / 1024)} KB, until {new Date(job.expiresAt ?? '').toLocaleDateString()})
      </span>
    );
  }
  if (job.status === 'queued' || job.status === 'running') {
    const percent = Math.round(job.progress * 100);
    return (
      <span className="flex items-center gap-2">
        {what}, {when}: preparing
        <progress max={100} value={percent} aria-label={`Export ${percent}% done`} className="w-28" />
      </span>
    );
  }
  return (
    <span>
      {what}, {when}: {job.status === 'expired' ? 'expired' : `failed. ${job.error ?? ''}`}
    </span>
  );
}
