import { Readable } from 'node:stream';
import { openExportDownload } from '@/lib/exports/get-export';
import { requireUser } from '@/lib/http/auth';
import { handle } from '@/lib/http/respond';

type Params = { id: string };

// GET /api/v1/exports/[id]/download – the ready export's zip, streamed from storage
export const GET = handle<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { stream, size, fileName } = await openExportDownload({ userId: user.id, exportId: id });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store, no-transform',
    },
  });
});
