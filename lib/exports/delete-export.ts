import { db } from '../db';
import { logger } from '../logger';
import { mediaStorage } from '../media/storage';
import { COST, spend } from '../user-budget';
import { exportNotFound } from './get-export';
import { isId } from '../chat/store/ids';

/**
 * Deletes one of the caller's exports, whatever its state: its zip goes at
 * once, and a worker building it notices at its next progress (its lease
 * is gone) and stops, removing what it wrote.
 */
export async function deleteExport({ userId, exportId }: { userId: string; exportId: string }): Promise<void> {
  await spend(userId, 'write', COST.delete);
  if (!isId(exportId)) throw exportNotFound();
  const rows = await db().$queryRaw<Array<{ storageKey: string | null }>>`
    DELETE FROM "ExportJob" WHERE id = ${exportId}::uuid AND "userId" = ${userId}::uuid
    RETURNING "storageKey"`;
  const row = rows[0];
  if (!row) throw exportNotFound();
  if (row.storageKey) {
    await mediaStorage()
      .delete(row.storageKey)
      .catch((err: unknown) => logger().warn({ err, exportId }, 'could not delete an export zip; the sweep will not see it'));
  }
}
