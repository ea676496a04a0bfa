import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { markNoticesRead } from '@/lib/users/notices';

// POST /api/v1/users/me/notices/read – mark all your notices read
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  await markNoticesRead({ userId: user.id });
  return new Response(null, { status: 204 });
});
