import { markRead } from '@/lib/chat/mark-read';
import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { markReadSchema } from '@/lib/validations/chat';

// POST /api/v1/chat/sessions/[id]/read – move the caller's read watermark up (to the latest message by default)
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { upToMessageId } = await readJson(req, markReadSchema);
  return json(200, { receipt: await markRead({ userId: user.id, chatId: id, upToMessageId }) });
});
