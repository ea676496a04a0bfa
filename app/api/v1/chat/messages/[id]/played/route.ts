import { markVoicePlayed } from '@/lib/chat/mark-voice-played';
import { requireUser } from '@/lib/http/auth';
import { handle, json } from '@/lib/http/respond';

// POST /api/v1/chat/messages/[id]/played – you played a voice message (its sender in a direct chat sees it)
export const POST = handle<{ id: string }>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id } = await params;
  return json(200, { message: await markVoicePlayed({ userId: user.id, messageId: id }) });
});
