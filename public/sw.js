// The service worker: the app shell offline, and push notifications (below).
// The shell: pages come from the network, with the offline page
// as the fallback; built assets are cached as they are fetched. The API and
// the socket are never cached: chat data is always live.
const CACHE = 'chat-shell-v1';
const OFFLINE_URL = '/offline';
const PRECACHE = [OFFLINE_URL, '/icons/icon-192.png', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io')) return;

  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    return;
  }
  if (url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((res) => {
            const copy = res.clone();
            if (res.ok) void caches.open(CACHE).then((cache) => cache.put(request, copy));
            return res;
          }),
      ),
    );
  }
});

// ---- Push notifications ----------------------------------------------------
// The server sends two kinds of push (lib/push/rules/payload.ts), encrypted,
// already worded at the person's preview level:
//   { v: 1, kind: 'message', chatId, tag, title, body, unread, badge, url, seq, at }
//   { v: 1, kind: 'read', chatId, tag, unread, badge, mustShow }
// One notification per chat: its tag is the chat id, so each push replaces
// the last ("3 new messages from Ann"). A read push closes the chat's
// notification: the chat was read on another device.
//
// Browsers subscribe with userVisibleOnly: every push must leave a
// notification showing. Chrome and Edge let a push that shows nothing pass
// while another of our notifications stays up or a window of the app is
// visible, and otherwise tolerate it now and then before showing "This site
// has been updated in the background"; Firefox counts such pushes against a
// quota renewed by visits. Safari allows none: for Apple's push service the
// server sets mustShow, and if closing would leave nothing up, the chat's
// notification is replaced by a quiet one instead of closed.

const ICON = '/icons/icon-192.png';
const APP_NAME = 'Chat';

const parse = (event) => {
  try {
    const data = event.data ? event.data.json() : null;
    return data && data.v === 1 && typeof data.chatId === 'string' ? data : null;
  } catch {
    return null;
  }
};

const setBadge = (n) => {
  const nav = self.navigator;
  if (typeof n !== 'number') return Promise.resolve();
  const work = n > 0 ? nav.setAppBadge?.(n) : nav.clearAppBadge?.();
  return Promise.resolve(work).catch(() => {});
};

const visibleWindow = async () =>
  (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })).some(
    (c) => c.visibilityState === 'visible',
  );

/**
 * Closes the notifications of chats that have nothing unread any more (read
 * on another device while this one was offline, or in this app), and sets
 * the badge, from the server's unread state. Best effort: signed out or
 * offline, nothing changes.
 */
async function reconcile(keepTag) {
  const res = await fetch('/api/v1/push/unread', { credentials: 'same-origin' }).catch(() => null);
  if (!res || !res.ok) return;
  const state = await res.json().catch(() => null);
  if (!state || !Array.isArray(state.chats)) return;
  const unread = new Map(state.chats.map((c) => [c.chatId, c.unread]));
  for (const n of await self.registration.getNotifications()) {
    const chatId = n.data && n.data.chatId;
    if (chatId && n.tag !== keepTag && !unread.get(chatId)) n.close();
  }
  await setBadge(state.badge);
}

async function showMessage(data) {
  const [current] = await self.registration.getNotifications({ tag: data.tag });
  // A push delayed in the network must not replace a newer one.
  if (current && current.data && current.data.seq > data.seq) return reconcile(data.tag);
  await self.registration.showNotification(data.title || APP_NAME, {
    body: data.body || '',
    tag: data.tag,
    renotify: true,
    icon: ICON,
    badge: ICON,
    timestamp: Date.parse(data.at) || Date.now(),
    data: { chatId: data.chatId, url: data.url, seq: data.seq, unread: data.unread },
  });
  await setBadge(data.badge);
  await reconcile(data.tag);
}

async function closeRead(data) {
  for (const n of await self.registration.getNotifications({ tag: data.tag })) n.close();
  await setBadge(data.badge);
  if (!data.mustShow) return;
  const others = await self.registration.getNotifications();
  if (others.length > 0 || (await visibleWindow())) return;
  await self.registration.showNotification(APP_NAME, {
    body: 'Read on another device',
    tag: data.tag,
    silent: true,
    icon: ICON,
    data: { chatId: data.chatId, url: `/chat?c=${data.chatId}`, seq: 0, unread: 0 },
  });
}

self.addEventListener('push', (event) => {
  const data = parse(event);
  let work;
  if (data && data.kind === 'message') work = showMessage(data);
  else if (data && data.kind === 'read') work = closeRead(data);
  // Something we cannot read still has to show something.
  else
    work = self.registration.showNotification(APP_NAME, {
      body: 'New activity',
      icon: ICON,
      tag: 'activity',
    });
  event.waitUntil(work);
});

async function openChat(url, chatId) {
  const target = new URL(url || '/chat', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const existing =
    windows.find((w) => new URL(w.url).pathname === '/chat') ??
    windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (!existing) return self.clients.openWindow(target);
  if (new URL(existing.url).pathname === '/chat') {
    // The chat screen opens it in place, keeping its state (components/notifications/use-service-worker-bridge.ts).
    existing.postMessage({ type: 'open-chat', chatId, url: target });
  } else {
    // navigate() works only in a window this worker controls; otherwise a new one.
    const moved = await existing.navigate(target).catch(() => null);
    if (!moved) return self.clients.openWindow(target);
  }
  await existing.focus().catch(() => undefined);
}

self.addEventListener('notificationclick', (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  const work = openChat(data.url, data.chatId);
  try {
    event.waitUntil(work);
  } catch {
    // Only a real click can extend its event; the end-to-end tests dispatch
    // one through the DevTools protocol, which cannot (e2e/push.spec.ts).
  }
});

// The app asks for a reconcile when it gets focus (it has read what is on screen).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'reconcile') event.waitUntil(reconcile(null));
});

// The push service replaced or expired the subscription: subscribe again and tell the server.
async function resubscribe(event) {
  const keyRes = await fetch('/api/v1/push/vapid-public-key').catch(() => null);
  if (!keyRes || !keyRes.ok) return;
  const { publicKey } = await keyRes.json();
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const subscription =
    event.newSubscription ||
    (await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
  const json = { 'content-type': 'application/json' };
  await fetch('/api/v1/push/subscriptions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: json,
    body: JSON.stringify(subscription),
  });
  if (event.oldSubscription && event.oldSubscription.endpoint !== subscription.endpoint) {
    await fetch('/api/v1/push/subscriptions', {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: json,
      body: JSON.stringify({ endpoint: event.oldSubscription.endpoint }),
    }).catch(() => undefined);
  }
}

self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(resubscribe(event).catch(() => undefined));
});
