import { db } from '../db';
import { COST, spend } from '../user-budget';
import type { NotificationPreview } from '../validations/push';
import { muteUntilText, type NotificationSettingsDto } from './dto';
import { clockOf } from './rules/quiet-hours';
import { pushRuntime } from './runtime';

/** The caller's notification settings, the chats they muted and the browsers that get their pushes. */
export async function getNotificationSettings({
  userId,
}: {
  userId: string;
}): Promise<NotificationSettingsDto> {
  await spend(userId, 'read', COST.read);
  return readNotificationSettings(userId);
}

/** The same without spending: for the answer of a change, already paid for. */
export async function readNotificationSettings(userId: string): Promise<NotificationSettingsDto> {
  const now = new Date();
  const [settings, muted, devices] = await Promise.all([
    db().notificationSettings.findUnique({ where: { userId } }),
    db().chatParticipant.findMany({
      where: { userId, leftAt: null, mutedUntil: { gt: now } },
      select: { chatId: true, mutedUntil: true, muteMentions: true },
      orderBy: { chatId: 'asc' },
    }),
    db().pushSubscription.findMany({
      where: { userId },
      select: { id: true, userAgent: true, createdAt: true, lastSuccessAt: true },
      orderBy: { updatedAt: 'desc' },
    }),
  ]);
  const quiet =
    settings?.quietStart != null && settings.quietEnd != null && settings.timeZone
      ? {
          start: clockOf(settings.quietStart),
          end: clockOf(settings.quietEnd),
          timeZone: settings.timeZone,
          allowDirectChats: settings.quietAllowsDirect,
        }
      : null;
  return {
    preview: (settings?.preview.toLowerCase() ?? 'sender') as NotificationPreview,
    quietHours: quiet,
    mutedChats: muted.map((m) => ({
      chatId: m.chatId,
      until: muteUntilText(m.mutedUntil as Date),
      muteMentions: m.muteMentions,
    })),
    devices: devices.map((d) => ({
      id: d.id,
      userAgent: d.userAgent,
      createdAt: d.createdAt.toISOString(),
      lastSuccessAt: d.lastSuccessAt?.toISOString() ?? null,
    })),
    pushAvailable: pushRuntime() !== undefined,
  };
}
