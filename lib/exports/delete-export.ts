import { db } from '../db';
import { logger } from '../logger';
import { mediaStorage } from '../media/storage';
import { COST, spend } from '../user-budget';
import { exportNotFound } from './get-export';
import { isId } from '../chat/store/ids';
import { NOW } from '../chat/store/sql';

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
  // The row stays (marked deleted), so deleting does not give the day's allowance back.
  const rows = await db().$queryRaw<Array<{ storageKey: string | null }>>`
    WITH old AS (
      SELECT id, "storageKey" FROM "ExportJob"
      WHERE id = ${exportId}::uuid AND "userId" = ${userId}::uuid AND "deletedAt" IS NULL
      FOR UPDATE)
    UPDATE "ExportJob" j
    SET "deletedAt" = ${NOW}, "storageKey" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
        status = CASE WHEN j.status IN ('QUEUED', 'RUNNING') THEN 'FAILED'::"ExportStatus" ELSE j.status END
    FROM old WHERE j.id = old.id
    RETURNING old."storageKey"`;
  const row = rows[0];
  if (!row) throw exportNotFound();
  if (row.storageKey) {
    await mediaStorage()
      .delete(row.storageKey)
      .catch((err: unknown) =>
        logger().warn({ err, exportId }, 'could not delete an export zip; the sweep will not see it'),
      );
  }
}
