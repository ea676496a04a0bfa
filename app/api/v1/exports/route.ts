import { createExport } from '@/lib/exports/create-export';
import { listExports } from '@/lib/exports/get-export';
import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { createExportSchema } from '@/lib/validations/exports';

// GET /api/v1/exports – your exports of the last 30 days, newest first
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { exports: await listExports({ userId: user.id }) });
});

// POST /api/v1/exports – ask for an export of a chat or of your account (202: built in the background)
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const input = await readJson(req, createExportSchema);
  return json(202, { export: await createExport({ userId: user.id, input }) });
});
