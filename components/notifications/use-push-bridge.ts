'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { refreshPushSubscription } from './push-device';

const visibility = () => ({ visible: document.visibilityState === 'visible', focused: document.hasFocus() });

/**
 * The chat screen's side of push: it tells the server over the socket whether
 * this tab is visible and focused (no pushes to someone looking at the app),
 * asks the service worker to close the notifications of chats now read when
 * the tab gets focus, and opens the chat of a clicked notification in place.
 */
export function usePushBridge() {
  const router = useRouter();
  useEffect(() => {
    const socket = chatClient().socket;
    let last = '';
    const report = () => {
      const state = visibility();
      const key = JSON.stringify(state);
      if (!socket.connected || key === last) return;
      last = key;
      socket.emit('visibility_update', state);
    };
    const onConnect = () => {
      last = '';
      report();
    };
    const onFocus = () => {
      report();
      void navigator.serviceWorker?.ready.then((reg) => reg.active?.postMessage({ type: 'reconcile' }));
    };
    const onMessage = (event: MessageEvent<{ type?: string; url?: string }>) => {
      if (event.data?.type !== 'open-chat' || !event.data.url) return;
      const url = new URL(event.data.url);
      if (url.origin === window.location.origin) router.push(url.pathname + url.search);
    };
    socket.on('connect', onConnect);
    document.addEventListener('visibilitychange', report);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', report);
    navigator.serviceWorker?.addEventListener('message', onMessage);
    report();
    void refreshPushSubscription();
    return () => {
      socket.off('connect', onConnect);
      document.removeEventListener('visibilitychange', report);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', report);
      navigator.serviceWorker?.removeEventListener('message', onMessage);
    };
  }, [router]);
}
