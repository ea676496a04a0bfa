// Web Push input: subscriptions as browsers give them (PushSubscription.toJSON()),
// notification settings and a chat's mute. Shared by the route handlers, the
// settings page and the OpenAPI document.
import { z } from 'zod';
import { text, timestamp } from './input';

export const ENDPOINT_MAX_LENGTH = 2048;

/** Unpadded base64url of exactly `bytes` bytes, as the Push API encodes keys. */
function base64urlBytes(bytes: number, what: string) {
  const message = `Must be ${what}: ${bytes} bytes, base64url-encoded (as PushSubscription.toJSON() gives it).`;
  return z
    .string({ error: message })
    .max(200, message)
    .transform((v) => v.replace(/=+$/, ''))
    .refine(
      (v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, 'base64url').toString('base64url') === v,
      message,
    )
    .refine((v) => Buffer.from(v, 'base64url').length === bytes, message);
}

const endpoint = text({ error: 'Must be the subscription’s endpoint URL.' })
  .min(1, 'Must be the subscription’s endpoint URL.')
  .max(ENDPOINT_MAX_LENGTH, `Must be at most ${ENDPOINT_MAX_LENGTH} characters.`);

export const pushSubscriptionSchema = z.object({
  endpoint,
  keys: z.object(
    {
      p256dh: base64urlBytes(65, 'the browser’s P-256 public key (uncompressed)').refine(
        (v) => Buffer.from(v, 'base64url')[0] === 4,
        'Must be an uncompressed P-256 point (starting with 0x04).',
      ),
      auth: base64urlBytes(16, 'the subscription’s auth secret'),
    },
    { error: 'Must hold the subscription’s keys: { p256dh, auth }.' },
  ),
  /** Sent by PushSubscription.toJSON(); not used. */
  expirationTime: z.number().nullable().optional(),
});

export const pushEndpointSchema = z.object({ endpoint });

const clock = z
  .string({ error: 'Must be a time of day, HH:MM (24-hour).' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time of day, HH:MM (24-hour).');

/** Canonical IANA zone name, or undefined when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const quietHoursSchema = z
  .object({
    start: clock,
    end: clock,
    timeZone: z
      .string({ error: 'Must be an IANA time zone, like Europe/Berlin.' })
      .max(64, 'Must be an IANA time zone, like Europe/Berlin.')
      .refine((z) => canonicalTimeZone(z) !== undefined, 'Must be an IANA time zone, like Europe/Berlin.')
      .transform((z) => canonicalTimeZone(z) ?? z),
    /** Direct chats still notify during quiet hours. */
    allowDirectChats: z.boolean().default(false),
  })
  .refine((q) => q.start !== q.end, { message: 'Quiet hours must end at another time than they start.' });

export const notificationPreviewSchema = z.enum(['full', 'sender', 'none']);

export const updateNotificationSettingsSchema = z
  .object({
    preview: notificationPreviewSchema.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
  })
  .refine((b) => b.preview !== undefined || b.quietHours !== undefined, {
    message: 'Send preview, quietHours or both.',
  });

/** A future time, or "always" (until unmuted). */
export const muteChatSchema = z.object({
  until: z.union([z.literal('always'), timestamp], {
    error: 'Must be "always" or an ISO 8601 time in UTC, like 2026-01-31T12:00:00.000Z.',
  }),
  muteMentions: z
    .boolean({ error: 'muteMentions must be true or false.' })
    .default(false)
    .describe('Mute mentions of you too. By default a mention still notifies in a muted chat.'),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;
export type QuietHours = z.infer<typeof quietHoursSchema>;
export type NotificationPreview = z.infer<typeof notificationPreviewSchema>;
export type UpdateNotificationSettingsInput = z.infer<typeof updateNotificationSettingsSchema>;

/** A tab's state over its socket (visibility_update). */
export const visibilitySchema = z.object({ visible: z.boolean(), focused: z.boolean() });
