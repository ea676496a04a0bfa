import { db } from '../db';
import { COST, spend } from '../user-budget';
import type { UpdateNotificationSettingsInput } from '../validations/push';
import type { NotificationSettingsDto } from './dto';
import { readNotificationSettings } from './get-notification-settings';
import { minutesOf } from './rules/quiet-hours';

/** Changes what is sent (preview, quiet hours); fields left out stay as they are. */
export async function updateNotificationSettings({
  userId,
  changes,
}: {
  userId: string;
  changes: UpdateNotificationSettingsInput;
}): Promise<NotificationSettingsDto> {
  // A settings change costs what an edit does.
  await spend(userId, 'write', COST.edit);
  const data = {
    ...(changes.preview && { preview: changes.preview.toUpperCase() as 'FULL' | 'SENDER' | 'NONE' }),
    ...(changes.quietHours !== undefined &&
      (changes.quietHours
        ? {
            quietStart: minutesOf(changes.quietHours.start),
            quietEnd: minutesOf(changes.quietHours.end),
            timeZone: changes.quietHours.timeZone,
            quietAllowsDirect: changes.quietHours.allowDirectChats,
          }
        : { quietStart: null, quietEnd: null, timeZone: null, quietAllowsDirect: false })),
  };
  await db().notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return readNotificationSettings(userId);
}
