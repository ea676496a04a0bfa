import { requireStaff } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';
import { getReport } from '@/lib/moderation/list-reports';

// GET /api/v1/admin/reports/[id] – one report with the reported person's history (moderators)
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const actor = await requireStaff(req, 'MODERATOR');
  const { id } = await params;
  return json(200, await getReport({ actor, reportId: id }));
});
