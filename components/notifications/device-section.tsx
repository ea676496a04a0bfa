'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { deviceState, disablePush, enablePush, type DeviceState } from './push-device';
import { NOTIFICATIONS_KEY } from './use-notifications';

const EXPLAIN: Record<DeviceState, string> = {
  unsupported: 'This browser cannot receive push notifications from this app.',
  'needs-install':
    'On iPhone and iPad, notifications need the app on your Home Screen: tap Share, then “Add to Home Screen”, and open it from there (iOS 16.4 or later).',
  unavailable: 'This server does not send push notifications.',
  denied:
    'Notifications are blocked for this site. Allow them in your browser’s site settings, then come back.',
  off: 'Notifications are off on this device.',
  on: 'Notifications are on for this device.',
};

/** "This device": whether this browser gets pushes, and the switch. */
export function DeviceSection({ otherDevices }: { otherDevices: number }) {
  const qc = useQueryClient();
  const [state, setState] = useState<DeviceState | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    deviceState().then(setState, () => setState('unsupported'));
  }, []);
  const change = async (work: () => Promise<DeviceState>) => {
    setBusy(true);
    setProblem(null);
    try {
      setState(await work());
      await qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    } catch {
      setProblem('That did not work. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="device-heading" className="space-y-2">
      <h2 id="device-heading" className="text-lg font-semibold">
        This device
      </h2>
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {state ? EXPLAIN[state] : 'Checking…'}
      </p>
      {problem && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {problem}
        </p>
      )}
      {(state === 'off' || state === 'on') && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void change(state === 'on' ? disablePush : enablePush)}
          className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {state === 'on' ? 'Turn off on this device' : 'Turn on for this device'}
        </button>
      )}
      {otherDevices > 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {otherDevices === 1 ? '1 browser gets' : `${otherDevices} browsers get`} your notifications
          {state === 'on' ? ', this one included' : ''}.
        </p>
      )}
    </section>
  );
}
