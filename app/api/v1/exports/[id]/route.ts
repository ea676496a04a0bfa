import { deleteExport } from '@/lib/exports/delete-export';
import { getExport } from '@/lib/exports/get-export';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

type Params = { id: string };

// GET /api/v1/exports/[id] – one of your exports: status and progress
export const GET = handle<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { export: await getExport({ userId: user.id, exportId: id }) });
});

// DELETE /api/v1/exports/[id] – delete one of your exports (stops it if it is being built)
export const DELETE = handle<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  await deleteExport({ userId: user.id, exportId: id });
  return new Response(null, { status: 204 });
});
