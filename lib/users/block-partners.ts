// Who has a block with whom, either way, for the live events that must not
// pass between them in groups they share (typing, presence, read receipts).
// Asked on every such event, so answers are cached in the process for a few
// seconds; a block made in this process takes effect at once, one made in
// another within BLOCK_PARTNERS_TTL_MS.
import { db } from '../db';
import { processSlot } from '../process-state';

export const BLOCK_PARTNERS_TTL_MS = 5000;
const MAX_CACHED = 10_000;

// Shared by server.ts and Next's route handlers: a block made through REST
// clears what the socket layer cached.
const slot = processSlot<Map<string, { ids: string[]; at: number }>>('blockPartners');
const cached = () => slot.use(() => new Map());

/** The people `userId` blocks or is blocked by. */
export async function blockPartners(userId: string): Promise<string[]> {
  const cache = cached();
  const hit = cache.get(userId);
  if (hit && Date.now() - hit.at < BLOCK_PARTNERS_TTL_MS) return hit.ids;
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT "blockedId" AS id FROM "UserBlock" WHERE "blockerId" = ${userId}::uuid
    UNION SELECT "blockerId" FROM "UserBlock" WHERE "blockedId" = ${userId}::uuid`;
  const ids = rows.map((r) => r.id);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(userId, { ids, at: Date.now() });
  return ids;
}

/** A block between the two was made or lifted: ask again next time. */
export function forgetBlockPartners(...userIds: string[]): void {
  for (const id of userIds) cached().delete(id);
}
