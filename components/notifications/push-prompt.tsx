'use client';

import { useEffect, useState } from 'react';
import { MESSAGE_SENT } from '@/components/chat/use-send-message';
import { chatClient } from '@/lib/client/chat-client';
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
    const socket = chatClient().socket;
    // Sent from this tab (its ack), or through REST or another tab (message_received).
    const onSent = () => {
      stop();
      void deviceState().then(
        (state) => setShow(state === 'off'),
        () => {},
      );
    };
    const onReceived = (m: { senderId: string | null }) => {
      if (m.senderId === meId) onSent();
    };
    const stop = () => {
      window.removeEventListener(MESSAGE_SENT, onSent);
      socket.off('message_received', onReceived);
    };
    window.addEventListener(MESSAGE_SENT, onSent);
    socket.on('message_received', onReceived);
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
  // In the page's flow above the chats, not over them: nothing it would cover stops working.
  return (
    <section
      aria-labelledby="push-prompt-title"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-blue-200 bg-blue-50 px-3 py-2 text-sm dark:border-blue-900 dark:bg-slate-800"
    >
      <div className="min-w-0 flex-1">
        <h2 id="push-prompt-title" className="font-semibold">
          Know when they reply
        </h2>
        <p className="text-slate-700 dark:text-slate-300">
          Turn on notifications to hear about new messages while this app is closed. You choose what they show
          in Settings.
        </p>
        {problem && (
          <p role="alert" className="text-rose-700 dark:text-rose-400">
            {problem}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <button type="button" onClick={dismiss} className="rounded-lg px-3 py-1.5 font-medium">
          Not now
        </button>
        <button
          type="button"
          onClick={() => void enable()}
          disabled={busy}
          className="rounded-lg bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Turn on notifications
        </button>
      </div>
    </section>
  );
}
