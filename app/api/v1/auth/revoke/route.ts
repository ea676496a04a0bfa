import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { revokeAllSessions } from '@/lib/users/browser-sessions';

// POST /api/v1/auth/revoke – sign out everywhere: every session and token of the caller ends, every socket closes
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  await revokeAllSessions({ userId: user.id });
  return new Response(null, { status: 204 });
});
