import { getUserProfile } from '@/lib/users/get-user-profile';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

// GET /api/v1/users/[id] – a user's public profile
export const GET = handle<{ id: string }>(async (req, { params }) => {
  await requireUser(req);
  const { id } = await params;
  return json(200, { user: await getUserProfile({ userId: id }) });
});
