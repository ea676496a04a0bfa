'use client';

import { useState, type FormEvent } from 'react';
import type { NotificationSettingsDto } from '@/lib/push/dto';
import { useUpdateNotificationSettings } from './use-notifications';

const zones = (): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?(key: 'timeZone'): string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
};

/** Quiet hours: no notifications between two times in a time zone, optionally except direct chats. */
export function QuietHoursForm({ settings }: { settings: NotificationSettingsDto }) {
  const update = useUpdateNotificationSettings();
  const current = settings.quietHours;
  const [enabled, setEnabled] = useState(current !== null);
  const [start, setStart] = useState(current?.start ?? '22:00');
  const [end, setEnd] = useState(current?.end ?? '07:00');
  const [timeZone, setTimeZone] = useState(
    current?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [allowDirectChats, setAllowDirectChats] = useState(current?.allowDirectChats ?? false);
  const [saved, setSaved] = useState(false);
  const all = zones();
  const options = all.includes(timeZone) ? all : [timeZone, ...all];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      { quietHours: enabled ? { start, end, timeZone, allowDirectChats } : null },
      { onSuccess: () => setSaved(true) },
    );
  };
  const field =
    'rounded-lg border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800';
  return (
    <form onSubmit={submit} aria-labelledby="quiet-heading" className="space-y-3">
      <h2 id="quiet-heading" className="text-lg font-semibold">
        Quiet hours
      </h2>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        No notifications during quiet hours
      </label>
      <fieldset disabled={!enabled} className="space-y-3 disabled:opacity-60">
        <legend className="sr-only">Quiet hours</legend>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2">
            From
            <input
              type="time"
              required
              value={start}
              onChange={(e) => setStart(e.target.value)}
              className={field}
            />
          </label>
          <label className="flex items-center gap-2">
            to
            <input
              type="time"
              required
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              className={field}
            />
          </label>
        </div>
        <label className="flex flex-wrap items-center gap-2">
          Time zone
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className={field}>
            {options.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={allowDirectChats}
            onChange={(e) => setAllowDirectChats(e.target.checked)}
          />
          Let direct chats through
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={update.isPending}
          className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Save quiet hours
        </button>
        <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {update.isError ? update.error.message : saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
