// The push and notification endpoints, for the OpenAPI document (lib/openapi.ts).
import type { ApiOperation } from '../../http/api-operation';
import type { pushApiSchemas } from './schemas';

type Name = keyof typeof pushApiSchemas;
const OFF = 'A server without push (PUSH_ENABLED=false, or production without VAPID keys) answers 404.';

export const pushOperations: Array<ApiOperation<Name>> = [
  {
    method: 'get',
    path: '/api/v1/push/vapid-public-key',
    tag: 'Notifications',
    summary: 'The key browsers subscribe with',
    description: `Pass it to PushManager.subscribe({ userVisibleOnly: true, applicationServerKey }). ${OFF}`,
    public: true,
    responses: [[200, 'The VAPID public key.', 'VapidPublicKey']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/push/subscriptions',
    tag: 'Notifications',
    summary: 'Receive push notifications in this browser',
    description: `The body is PushSubscription.toJSON(). One subscription per endpoint: subscribing again updates it (201 both times). The endpoint must be https: on a push service of PUSH_ALLOWED_HOSTS; p256dh a 65-byte uncompressed P-256 point and auth 16 bytes, both base64url. An endpoint another account holds is 409. Past PUSH_SUBSCRIPTIONS_PER_USER browsers, your oldest is forgotten; PUSH_SUBSCRIPTION_CHANGES_PER_HOUR subscribe and unsubscribe calls an hour (429). ${OFF}`,
    body: 'PushSubscriptionRequest',
    responses: [[201, 'Kept.', 'PushSubscriptionEnvelope']],
    errors: ['CONFLICT', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/push/subscriptions',
    tag: 'Notifications',
    summary: 'Stop push notifications to a browser',
    description: `By its endpoint; one that is not yours is 404, like an unknown one. ${OFF}`,
    body: 'PushEndpointRequest',
    responses: [[204, 'Forgotten.']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/push/unread',
    tag: 'Notifications',
    budget: 'read',
    summary: 'Unread counts per chat, and the badge',
    description:
      'What the service worker reconciles its notifications with on each push and when the app gets focus: chats with unread messages, and the unread total of chats that are not muted.',
    responses: [[200, 'Your unread state.', 'UnreadState']],
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/users/me/notifications',
    tag: 'Notifications',
    budget: 'read',
    summary: 'Your notification settings',
    description: 'The preview level, quiet hours, the chats you muted and the browsers that get your pushes.',
    responses: [[200, 'Your settings.', 'NotificationSettingsEnvelope']],
    errors: [],
  },
  {
    method: 'patch',
    path: '/api/v1/users/me/notifications',
    tag: 'Notifications',
    budget: 'write',
    summary: 'Change your notification settings',
    description:
      'preview: full | sender | none. quietHours: { start, end, timeZone, allowDirectChats } (HH:MM in an IANA zone; a span may pass midnight), or null for none. No push during quiet hours, except direct chats when allowDirectChats. Fields left out stay as they are.',
    body: 'UpdateNotificationSettingsRequest',
    responses: [[200, 'Your settings as they are now.', 'NotificationSettingsEnvelope']],
    errors: [],
  },
  {
    method: 'put',
    path: '/api/v1/chat/sessions/{id}/mute',
    tag: 'Notifications',
    budget: 'write',
    summary: 'Mute a chat’s notifications',
    description:
      'until: a future ISO time (the web app offers 8 hours and 1 week) or "always". No pushes from the chat meanwhile, and its unread messages leave the badge; messages still arrive. Muting again replaces the time.',
    body: 'MuteChatRequest',
    responses: [[200, 'Muted.', 'ChatMuteEnvelope']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/chat/sessions/{id}/mute',
    tag: 'Notifications',
    budget: 'write',
    summary: 'Unmute a chat',
    responses: [[204, 'Notifying again.']],
    errors: ['NOT_FOUND'],
  },
];
