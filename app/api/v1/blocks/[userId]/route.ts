import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';
import { unblockUser } from '@/lib/users/blocks';

// DELETE /api/v1/blocks/[userId] – stop blocking someone
export const DELETE = handle<{ userId: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { userId } = await params;
  await unblockUser({ userId: user.id, targetUserId: userId });
  return new Response(null, { status: 204 });
});
