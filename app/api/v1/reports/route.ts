import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { fileReport, listOwnReports } from '@/lib/moderation/reports';
import { fileReportSchema } from '@/lib/validations/moderation';

// GET /api/v1/reports – the reports you filed, newest first
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { items: await listOwnReports({ userId: user.id }) });
});

// POST /api/v1/reports – report someone, optionally messages of a chat you share; freezes the evidence
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, fileReportSchema);
  return json(201, { report: await fileReport({ userId: user.id, input }) });
});
