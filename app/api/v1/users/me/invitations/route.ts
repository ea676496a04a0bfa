import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { listInvitations } from '@/lib/users/invitations';

// GET /api/v1/users/me/invitations – group invitations waiting for your answer
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { invitations: await listInvitations({ userId: user.id }) });
});
