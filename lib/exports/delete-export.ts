import { db } from '../db';
import { logger } from '../logger';
import { mediaStorage } from '../media/storage';
import { COST, spend } from '../user-budget';
import { exportNotFound } from './get-export';
import { isId } from '../chat/store/ids';
import { empty, NOW, sql, type Sql } from '../chat/store/sql';

/**
 * Deletes one of the caller's exports, whatever its state: its zip goes at
 * once, and a worker building it notices at its next progress (its lease
 * is gone) and stops, removing what it wrote.
 */
export async function deleteExport({
  userId,
  exportId,
}: {
  userId: string;
  exportId: string;
}): Promise<void> {
  await spend(userId, 'write', COST.delete);
  if (!isId(exportId)) throw exportNotFound();
  const deleted = await discardExports(userId, sql`AND id = ${exportId}::uuid`);
  if (deleted === 0) throw exportNotFound();
}

/** Deletes every export of an account being erased: their zips go now, not when they expire. */
export function deleteAllExports(userId: string): Promise<number> {
  return discardExports(userId, empty);
}

/**
 * Marks the person's exports that `which` picks deleted and removes their
 * zips; returns how many. The rows stay, so deleting does not give the
 * day's allowance back.
 */
async function discardExports(userId: string, which: Sql): Promise<number> {
  const rows = await db().$queryRaw<Array<{ id: string; storageKey: string | null }>>`
    WITH old AS (
      SELECT id, "storageKey" FROM "ExportJob"
      WHERE "userId" = ${userId}::uuid AND "deletedAt" IS NULL ${which}
      FOR UPDATE)
    UPDATE "ExportJob" j
    SET "deletedAt" = ${NOW}, "storageKey" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
        status = CASE WHEN j.status IN ('QUEUED', 'RUNNING') THEN 'FAILED'::"ExportStatus" ELSE j.status END
    FROM old WHERE j.id = old.id
    RETURNING j.id, old."storageKey"`;
  for (const { id, storageKey } of rows) {
    if (!storageKey) continue;
    await mediaStorage()
      .delete(storageKey)
      .catch((err: unknown) =>
        logger().warn({ err, exportId: id }, 'could not delete an export zip; the sweep will not see it'),
      );
  }
  return rows.length;
}
