'use client';

import { useEffect, useState } from 'react';
import { browserSocket } from '@/lib/client/socket';
import { deviceState, enablePush } from './push-device';

const DISMISSED_KEY = 'push-prompt-dismissed';

/**
 * Offers notifications at the moment they make sense: right after the
 * person sent a message (they will want to know about the reply), never on
 * first load. Only while the browser has not been asked yet, and not again
 * after "Not now".
 */
export function PushPrompt({ meId }: { meId: string }) {
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!('Notification' in window) || Notification.permission !== 'default') return;
    if (localStorage.getItem(DISMISSED_KEY)) return;
    const socket = browserSocket();
    // Sent from this tab (message_sent), or through REST or another tab (message_received).
    const onSent = (m: { senderId: string | null }) => {
      if (m.senderId !== meId) return;
      stop();
      void deviceState().then(
        (state) => setShow(state === 'off'),
        () => {},
      );
    };
    const stop = () => {
      socket.off('message_sent', onSent);
      socket.off('message_received', onSent);
    };
    socket.on('message_sent', onSent);
    socket.on('message_received', onSent);
    return stop;
  }, [meId]);

  if (!show) return null;
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
    setShow(false);
  };
  const enable = async () => {
    setBusy(true);
    try {
      const state = await enablePush();
      if (state === 'on' || state === 'denied' || state === 'off') setShow(false);
      else setProblem('This browser cannot receive notifications from this app.');
    } catch {
      setProblem('Notifications could not be turned on. Try again from Settings → Notifications.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-labelledby="push-prompt-title"
      className="fixed inset-x-3 bottom-3 z-30 mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-4 shadow-lg md:left-auto md:right-4 dark:border-slate-700 dark:bg-slate-800"
    >
      <h2 id="push-prompt-title" className="font-semibold">
        Know when they reply
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Turn on notifications to hear about new messages while this app is closed. You choose what they show
        in Settings.
      </p>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-400">
          {problem}
        </p>
      )}
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" onClick={dismiss} className="rounded-lg px-3 py-1.5 text-sm font-medium">
          Not now
        </button>
        <button
          type="button"
          onClick={() => void enable()}
          disabled={busy}
          className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Turn on notifications
        </button>
      </div>
    </section>
  );
}
