import { requireStaff } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { grantModerator, listStaff } from '@/lib/moderation/roles';
import { grantModeratorSchema } from '@/lib/validations/moderation';

// GET /api/v1/admin/moderators – every moderator and admin (admins)
export const GET = handle(async (req) => {
  const actor = await requireStaff(req, 'ADMIN');
  return json(200, { items: await listStaff({ actor }) });
});

// POST /api/v1/admin/moderators – make someone a moderator (201; 200 when they already are one) (admins)
export const POST = handle(async (req) => {
  const actor = await requireStaff(req, 'ADMIN');
  const { userId } = await readJson(req, grantModeratorSchema);
  const { moderator, granted } = await grantModerator({ actor, userId });
  return json(granted ? 201 : 200, { moderator });
});
