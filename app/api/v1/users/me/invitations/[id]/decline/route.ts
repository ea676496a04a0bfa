import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { declineInvitation } from '@/lib/users/invitations';

// POST /api/v1/users/me/invitations/[id]/decline – turn the invitation down
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  await declineInvitation({ userId: user.id, invitationId: id });
  return new Response(null, { status: 204 });
});
