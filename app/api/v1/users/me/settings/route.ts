import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { getSettings, updateSettings } from '@/lib/users/settings';
import { updateSettingsSchema } from '@/lib/validations/settings';

// GET /api/v1/users/me/settings – your privacy settings
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { settings: await getSettings({ userId: user.id }) });
});

// PATCH /api/v1/users/me/settings – change some of your privacy settings
export const PATCH = handle(async (req) => {
  const user = await requireUser(req);
  const changes = await readJson(req, updateSettingsSchema);
  return json(200, { settings: await updateSettings({ userId: user.id, changes }) });
});
