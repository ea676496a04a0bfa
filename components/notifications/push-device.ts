// This browser's push subscription: whether it can have one, turning it on
// and off, and keeping the server's copy current. The service worker that
// receives the pushes is public/sw.js (registered in production builds).
import { ChatApiError, unwrap } from '@chat/sdk';
import { chatClient } from '@/lib/client/chat-client';

export type DeviceState =
  /** No service worker or Push API here (an old browser, or a development build). */
  | 'unsupported'
  /** iPhone or iPad in Safari: push needs the app added to the Home Screen (iOS 16.4+). */
  | 'needs-install'
  /** The server sends no push (not configured). */
  | 'unavailable'
  /** Notifications are blocked for this site in the browser's settings. */
  | 'denied'
  | 'off'
  | 'on';

const isAppleMobile = () =>
  /iPhone|iPad|iPod/.test(navigator.userAgent) ||
  (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1);
const isStandalone = () =>
  window.matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true;

/** The service worker's registration, if one is (or soon is) active. */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  if (!existing) return null;
  return navigator.serviceWorker.ready;
}

async function serverKey(): Promise<string | null> {
  try {
    return unwrap(await chatClient().rest.GET('/api/v1/push/vapid-public-key')).publicKey;
  } catch (e) {
    if (e instanceof ChatApiError && e.status === 404) return null;
    throw e;
  }
}

export async function deviceState(): Promise<DeviceState> {
  if (!('PushManager' in window) || !('Notification' in window)) {
    return isAppleMobile() && !isStandalone() ? 'needs-install' : 'unsupported';
  }
  const reg = await registration();
  if (!reg) return 'unsupported';
  if (!(await serverKey())) return 'unavailable';
  if (Notification.permission === 'denied') return 'denied';
  const subscription = await reg.pushManager.getSubscription();
  return subscription && Notification.permission === 'granted' ? 'on' : 'off';
}

const keyBytes = (base64url: string) =>
  Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function save(subscription: PushSubscription): Promise<void> {
  // The DOM types every field of toJSON() as optional; browsers always fill
  // them, and the server's validation answers for one that did not.
  const { keys } = subscription.toJSON();
  const body = {
    endpoint: subscription.endpoint,
    expirationTime: subscription.expirationTime,
    keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' },
  };
  unwrap(await chatClient().rest.POST('/api/v1/push/subscriptions', { body }));
}

/**
 * Asks for permission (call it from a click: browsers require a gesture),
 * subscribes this browser and gives the subscription to the server. A
 * subscription another account on this browser left behind is replaced.
 */
export async function enablePush(): Promise<DeviceState> {
  const reg = await registration();
  const key = await serverKey();
  if (!reg || !key) return reg ? 'unavailable' : 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'off';
  const options = { userVisibleOnly: true, applicationServerKey: keyBytes(key) };
  let subscription = await reg.pushManager.getSubscription();
  // Made with another server key (the server's keys changed): start over.
  const madeWith = subscription?.options.applicationServerKey;
  if (subscription && madeWith && !sameKey(new Uint8Array(madeWith), options.applicationServerKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe(options);
  try {
    await save(subscription);
  } catch (e) {
    if (!(e instanceof ChatApiError && e.code === 'CONFLICT')) throw e;
    await subscription.unsubscribe();
    await save(await reg.pushManager.subscribe(options));
  }
  return 'on';
}

export async function disablePush(): Promise<DeviceState> {
  const subscription = await (await registration())?.pushManager.getSubscription();
  if (subscription) {
    await chatClient()
      .rest.DELETE('/api/v1/push/subscriptions', { body: { endpoint: subscription.endpoint } })
      .then(unwrap)
      .catch(() => {});
    await subscription.unsubscribe();
  }
  return 'off';
}

const REFRESHED_KEY = 'push-subscription-refreshed-at';
const REFRESH_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * At start, once a day: re-send this browser's subscription, so the
 * server's copy follows key changes and comes back after the server dropped it.
 */
export async function refreshPushSubscription(): Promise<void> {
  if (!('PushManager' in window) || !('Notification' in window) || Notification.permission !== 'granted')
    return;
  const last = Number(localStorage.getItem(REFRESHED_KEY) ?? 0);
  if (Date.now() - last < REFRESH_EVERY_MS) return;
  const subscription = await (await registration())?.pushManager.getSubscription();
  if (!subscription) return;
  await save(subscription).then(
    () => localStorage.setItem(REFRESHED_KEY, String(Date.now())),
    () => {},
  );
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
