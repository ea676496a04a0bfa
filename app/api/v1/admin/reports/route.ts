import { requireStaff } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { listReportQueue } from '@/lib/moderation/list-reports';
import { reportQueueQuerySchema } from '@/lib/validations/moderation';

// GET /api/v1/admin/reports – the report queue, most urgent first (moderators)
export const GET = handle(async (req) => {
  const actor = await requireStaff(req, 'MODERATOR');
  const query = parseInput(reportQueueQuerySchema, queryOf(req));
  return json(200, await listReportQueue({ actor, ...query }));
});
