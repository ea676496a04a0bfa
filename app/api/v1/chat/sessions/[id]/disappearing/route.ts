import { setDisappearing } from '@/lib/chat/set-disappearing';
import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { disappearingSchema } from '@/lib/validations/chat';

// PUT /api/v1/chat/sessions/[id]/disappearing – set or turn off the chat's disappearing-message timer
export const PUT = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { disappearAfterSeconds } = await readJson(req, disappearingSchema);
  return json(200, { chat: await setDisappearing({ userId: user.id, chatId: id, disappearAfterSeconds }) });
});
