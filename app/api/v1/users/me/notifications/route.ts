import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { getNotificationSettings } from '@/lib/push/get-notification-settings';
import { updateNotificationSettings } from '@/lib/push/update-notification-settings';
import { updateNotificationSettingsSchema } from '@/lib/validations/push';

// GET /api/v1/users/me/notifications – your notification settings, muted chats and push devices
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { notifications: await getNotificationSettings({ userId: user.id }) });
});

// PATCH /api/v1/users/me/notifications – change the preview or quiet hours
export const PATCH = handle(async (req) => {
  const user = await requireUser(req);
  const changes = await readJson(req, updateNotificationSettingsSchema);
  return json(200, { notifications: await updateNotificationSettings({ userId: user.id, changes }) });
});
