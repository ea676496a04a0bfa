import { getAnalytics } from '@/lib/analytics/get-analytics';
import { requireStaff } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf } from '@/lib/http/respond';
import { analyticsQuerySchema } from '@/lib/validations/analytics';

// GET /api/v1/admin/analytics – one dashboard metric per day or week, from the rollups (admins)
export const GET = handle(async (req) => {
  const actor = await requireStaff(req, 'ADMIN');
  const query = parseInput(analyticsQuerySchema, queryOf(req));
  return json(200, await getAnalytics({ actor, query }));
});
