// What the push and notification services return.
import type { NotificationPreview, QuietHours } from '../validations/push';

export interface PushSubscriptionDto {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** A chat's mute: until a time, or `always` (until unmuted). */
export interface ChatMuteDto {
  chatId: string;
  until: string;
  /** Mentions of you are muted too; otherwise they still notify while the chat is muted. */
  muteMentions: boolean;
}

export interface PushDeviceDto {
  id: string;
  /** The browser that subscribed, as its User-Agent said. */
  userAgent: string | null;
  createdAt: string;
  lastSuccessAt: string | null;
}

export interface NotificationSettingsDto {
  preview: NotificationPreview;
  quietHours: QuietHours | null;
  /** Chats muted now. */
  mutedChats: ChatMuteDto[];
  /** Browsers that receive your pushes. */
  devices: PushDeviceDto[];
  /** Whether this server sends push notifications at all. */
  pushAvailable: boolean;
}

/** Stored for "always": later than any real time. */
export const MUTED_ALWAYS = new Date('9999-12-31T23:59:59.999Z');

export const muteUntilText = (until: Date) =>
  until.getTime() >= MUTED_ALWAYS.getTime() ? 'always' : until.toISOString();
