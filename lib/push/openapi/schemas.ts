// The bodies of the push and notification endpoints, by their names in the
// OpenAPI document; the type check at the end keeps them equal to the DTOs.
import { z } from 'zod';
import {
  muteChatSchema,
  notificationPreviewSchema,
  pushEndpointSchema,
  pushSubscriptionSchema,
  updateNotificationSettingsSchema,
} from '../../validations/push';
import type { ChatMuteDto, NotificationSettingsDto, PushDeviceDto, PushSubscriptionDto } from '../dto';
import type { UnreadStateDto } from '../list-unread';

const id = z.uuid();
const time = z.iso.datetime();
const until = z.string().describe('An ISO 8601 time in UTC, or "always" (until unmuted).');

const subscription = z.object({ id, createdAt: time, updatedAt: time });
const mute = z.object({
  chatId: id,
  until,
  muteMentions: z
    .boolean()
    .describe('Mentions of you are muted too; otherwise a mention still notifies while the chat is muted.'),
});
const device = z.object({
  id,
  userAgent: z.string().nullable().describe('The browser that subscribed, as its User-Agent said.'),
  createdAt: time,
  lastSuccessAt: time.nullable().describe('When its push service last took a push.'),
});
const settings = z.object({
  preview: notificationPreviewSchema.describe(
    'full: sender and text; sender: who wrote, no text (the default); none: only that a message arrived.',
  ),
  quietHours: z
    .object({
      start: z.string().describe('HH:MM, 24-hour, in timeZone.'),
      end: z.string(),
      timeZone: z.string().describe('IANA time zone, e.g. Europe/Berlin.'),
      allowDirectChats: z.boolean().describe('Direct chats still notify during quiet hours.'),
    })
    .nullable(),
  mutedChats: z.array(mute).describe('Chats muted now.'),
  devices: z.array(device).describe('Browsers that receive your pushes, the most recently subscribed first.'),
  pushAvailable: z.boolean().describe('Whether this server sends push notifications at all.'),
});
const unread = z.object({
  chats: z.array(z.object({ chatId: id, unread: z.number().int(), muted: z.boolean() })),
  badge: z.number().int().describe('Unread messages in chats that are not muted.'),
});

export const pushApiSchemas = {
  VapidPublicKey: z.object({
    publicKey: z
      .string()
      .describe('Uncompressed P-256 public key, base64url: PushManager.subscribe’s applicationServerKey.'),
  }),
  PushSubscriptionRequest: pushSubscriptionSchema,
  PushEndpointRequest: pushEndpointSchema,
  PushSubscriptionEnvelope: z.object({ subscription }),
  UnreadState: unread,
  NotificationSettingsEnvelope: z.object({ notifications: settings }),
  UpdateNotificationSettingsRequest: updateNotificationSettingsSchema,
  MuteChatRequest: muteChatSchema,
  ChatMuteEnvelope: z.object({ mute }),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemasMatchDtos: [
  Same<z.infer<typeof subscription>, PushSubscriptionDto>,
  Same<z.infer<typeof mute>, ChatMuteDto>,
  Same<z.infer<typeof device>, PushDeviceDto>,
  Same<z.infer<typeof settings>, NotificationSettingsDto>,
  Same<z.infer<typeof unread>, UnreadStateDto>,
] = [true, true, true, true, true];
