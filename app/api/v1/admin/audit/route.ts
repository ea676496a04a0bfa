import { requireStaff } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { listAudit } from '@/lib/moderation/list-audit';
import { pageQuerySchema } from '@/lib/validations/chat';

// GET /api/v1/admin/audit – every moderator and admin action, newest first (moderators)
export const GET = handle(async (req) => {
  const actor = await requireStaff(req, 'MODERATOR');
  const query = parseInput(pageQuerySchema, queryOf(req));
  return json(200, await listAudit({ actor, ...query }));
});
