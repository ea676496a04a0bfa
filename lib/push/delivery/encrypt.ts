// Encrypts a payload for one browser (RFC 8291, aes128gcm) and signs the
// request for its push service (VAPID, RFC 8292), with web-push. Done when
// the push is queued, so the queue holds ciphertext, never what it says.
import webpush from 'web-push';
import type { VapidKeys } from '../config';
import type { PushPayload } from '../rules/payload';

export interface Target {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Push services let a newer push with the same Topic replace one not yet delivered: one per chat. */
export const topicOf = (chatId: string) => chatId.replace(/-/g, '').toLowerCase();

export function encryptPush(
  target: Target,
  payload: PushPayload,
  options: { vapid: VapidKeys; ttlSeconds: number },
): { headers: Record<string, string>; body: Buffer } {
  const details = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: options.vapid,
      TTL: options.ttlSeconds,
      contentEncoding: 'aes128gcm',
      topic: topicOf(payload.chatId),
      urgency: payload.kind === 'message' ? 'high' : 'normal',
    },
  );
  const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
  return { headers, body: details.body };
}
