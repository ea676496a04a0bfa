import { requireStaff } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { liftSanctions } from '@/lib/moderation/lift-sanctions';
import { liftSanctionsSchema } from '@/lib/validations/moderation';

// POST /api/v1/admin/users/[id]/lift – lift someone's mute, suspension or ban (moderators)
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const actor = await requireStaff(req, 'MODERATOR');
  const { id } = await params;
  const { reason } = await readJson(req, liftSanctionsSchema);
  return json(200, { sanctions: await liftSanctions({ actor, userId: id, reason }) });
});
