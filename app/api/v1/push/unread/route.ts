import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { listUnread } from '@/lib/push/list-unread';

// GET /api/v1/push/unread – unread counts per chat and the badge, for the service worker to reconcile with
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, await listUnread({ userId: user.id }));
});
