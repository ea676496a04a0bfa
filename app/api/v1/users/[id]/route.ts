import { getUserProfile } from '@/lib/users/get-user-profile';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

// GET /api/v1/users/[id] – a user's profile: name, photo, bio, pronouns
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const me = await requireUser(req);
  const { id } = await params;
  return json(200, { user: await getUserProfile({ viewerId: me.id, userId: id }) });
});
