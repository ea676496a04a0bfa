import { requireStaff } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { decideReport } from '@/lib/moderation/decide-report';
import { decisionSchema } from '@/lib/validations/moderation';

// POST /api/v1/admin/reports/[id]/decision – decide an open report: dismiss, warn, delete, mute, suspend, ban
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const actor = await requireStaff(req, 'MODERATOR');
  const { id } = await params;
  const input = await readJson(req, decisionSchema);
  return json(200, { report: await decideReport({ actor, reportId: id, input }) });
});
