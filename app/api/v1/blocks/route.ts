import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { blockUser, listBlocks } from '@/lib/users/blocks';
import { blockUserSchema } from '@/lib/validations/chat';

// GET /api/v1/blocks – the people you block, most recent first
export const GET = handle(async (req) => {
  const user = await requireUser(req);
  return json(200, { blocks: await listBlocks({ userId: user.id }) });
});

// POST /api/v1/blocks – block someone (201; 200 when you already did); silent for them
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const { userId } = await readJson(req, blockUserSchema);
  const { block, created } = await blockUser({ userId: user.id, targetUserId: userId });
  return json(created ? 201 : 200, { block });
});
