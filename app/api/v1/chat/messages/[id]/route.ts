import { deleteMessage } from '@/lib/chat/delete-message';
import { editMessage } from '@/lib/chat/edit-message';
import { getMessage } from '@/lib/chat/get-message';
import { hideMessage } from '@/lib/chat/hide-message';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput, queryOf, readJson } from '@/lib/http/respond';
import { deleteMessageQuerySchema, editMessageSchema } from '@/lib/validations/chat';

// GET /api/v1/chat/messages/[id] – one message of a chat you are in (the original of a reply)
export const GET = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { message: await getMessage({ userId: user.id, messageId: id }) });
});

// PUT /api/v1/chat/messages/[id] – edit the text of your own message, within the edit window
export const PUT = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { content, mentions, confirmed } = await readJson(req, editMessageSchema);
  return json(200, {
    message: await editMessage({ userId: user.id, messageId: id, content, mentions, confirmed }),
  });
});

// DELETE /api/v1/chat/messages/[id] – delete a message for everyone, leaving a tombstone (?forEveryone=false: for you only)
export const DELETE = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { forEveryone } = parseInput(deleteMessageQuerySchema, queryOf(req));
  if (!forEveryone) return json(200, { hidden: await hideMessage({ userId: user.id, messageId: id }) });
  return json(200, { message: await deleteMessage({ userId: user.id, messageId: id }) });
});
