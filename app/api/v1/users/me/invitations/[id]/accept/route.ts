import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { acceptInvitation } from '@/lib/users/invitations';

// POST /api/v1/users/me/invitations/[id]/accept – join the group
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { chat: await acceptInvitation({ userId: user.id, invitationId: id }) });
});
