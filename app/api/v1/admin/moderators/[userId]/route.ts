import { requireStaff } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { revokeModerator } from '@/lib/moderation/roles';

// DELETE /api/v1/admin/moderators/[userId] – take the moderator role away (admins)
export const DELETE = handle<{ userId: string }>(async (req, { params }) => {
  const actor = await requireStaff(req, 'ADMIN');
  const { userId } = await params;
  await revokeModerator({ actor, userId });
  return new Response(null, { status: 204 });
});
