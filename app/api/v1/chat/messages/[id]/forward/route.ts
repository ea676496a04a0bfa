import { forwardMessage } from '@/lib/chat/forward-message';
import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { forwardMessageSchema } from '@/lib/validations/chat';

// POST /api/v1/chat/messages/[id]/forward – forward a message to another chat you are in (201; 200 for a retry with the same clientMessageId)
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const input = await readJson(req, forwardMessageSchema);
  const { message, created } = await forwardMessage({ userId: user.id, messageId: id, input });
  return json(created ? 201 : 200, { message });
});
