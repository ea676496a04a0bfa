import { addReaction } from '@/lib/chat/add-reaction';
import { removeReaction } from '@/lib/chat/remove-reaction';
import { AppError } from '@/lib/errors';
import { requireUser } from '@/lib/http/auth';
import { handle, json, parseInput } from '@/lib/http/respond';
import { reactionEmojiSchema } from '@/lib/validations/chat';
import { z } from 'zod';

const pathSchema = z.object({ emoji: reactionEmojiSchema });

type Params = { id: string; emoji: string };

/** The path's emoji, percent-decoded once whether or not the router already did. */
function emojiOf(raw: string): string {
  try {
    return parseInput(pathSchema, { emoji: raw.includes('%') ? decodeURIComponent(raw) : raw }).emoji;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', 'emoji: A reaction must be exactly one emoji.');
  }
}

// PUT /api/v1/chat/messages/[id]/reactions/[emoji] – react to a message (idempotent)
export const PUT = handle<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id, emoji } = await params;
  return json(200, { message: await addReaction({ userId: user.id, messageId: id, emoji: emojiOf(emoji) }) });
});

// DELETE /api/v1/chat/messages/[id]/reactions/[emoji] – take your reaction back (idempotent)
export const DELETE = handle<Params>(async (req, { params }) => {
  const user = await requireUser(req);
  const { id, emoji } = await params;
  return json(200, {
    message: await removeReaction({ userId: user.id, messageId: id, emoji: emojiOf(emoji) }),
  });
});
