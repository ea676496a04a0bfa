import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { listNotices } from '@/lib/users/notices';

// GET /api/v1/users/me/notices – messages from the platform to you, newest first
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { notices: await listNotices({ userId: user.id }) });
});
