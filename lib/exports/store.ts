// The export jobs' state changes, one SQL statement each, every one guarded
// by the lease: only the worker holding a job may move it on.
import { NOW, sql } from '../chat/store/sql';
import { db } from '../db';
import type { ExportJob } from '../generated/prisma/client';
import { newStorageKey } from '../media/keys';
import { mediaStorage } from '../media/storage';

export interface ClaimedJob extends ExportJob {
  storageKey: string;
  /** The key an earlier, unfinished attempt stored under, if any: to delete. */
  previousKey: string | null;
}

const until = (seconds: number) => sql`${NOW} + make_interval(secs => ${seconds})`;

/** Takes the oldest queued job, or a running one whose lease ran out, for `owner`, with a fresh key. */
export async function claimExport(owner: string, leaseSeconds: number): Promise<ClaimedJob | null> {
  const rows = await db().$queryRaw<ClaimedJob[]>`
    WITH next AS (
      SELECT id, "storageKey" FROM "ExportJob"
      WHERE status = 'QUEUED' OR (status = 'RUNNING' AND "leaseUntil" < ${NOW})
      ORDER BY "createdAt" LIMIT 1
      FOR UPDATE SKIP LOCKED)
    UPDATE "ExportJob" j
    SET status = 'RUNNING', "leaseOwner" = ${owner}, "leaseUntil" = ${until(leaseSeconds)},
        attempts = j.attempts + 1, progress = 0, "storageKey" = ${newStorageKey()}
    FROM next WHERE j.id = next.id
    RETURNING j.*, next."storageKey" AS "previousKey"`;
  return rows[0] ?? null;
}

/** Moves progress and the lease on; false when the job is no longer this owner's. */
export async function renewLease(
  id: string,
  owner: string,
  leaseSeconds: number,
  progress: number,
): Promise<boolean> {
  const changed = await db().$executeRaw`
    UPDATE "ExportJob" SET progress = ${progress}, "leaseUntil" = ${until(leaseSeconds)}
    WHERE id = ${id}::uuid AND "leaseOwner" = ${owner} AND status = 'RUNNING'`;
  return changed > 0;
}

export async function finishExport(
  id: string,
  owner: string,
  zip: { size: number; sha256: string },
  retentionDays: number,
): Promise<ExportJob | null> {
  const rows = await db().$queryRaw<ExportJob[]>`
    UPDATE "ExportJob"
    SET status = 'READY', progress = 1, size = ${zip.size}, sha256 = ${zip.sha256}, "finishedAt" = ${NOW},
        "expiresAt" = ${NOW} + make_interval(days => ${retentionDays}), "leaseOwner" = NULL, "leaseUntil" = NULL
    WHERE id = ${id}::uuid AND "leaseOwner" = ${owner} AND status = 'RUNNING'
    RETURNING *`;
  return rows[0] ?? null;
}

export async function failExport(id: string, owner: string, reason: string): Promise<ExportJob | null> {
  const rows = await db().$queryRaw<ExportJob[]>`
    UPDATE "ExportJob"
    SET status = 'FAILED', error = ${reason}, "finishedAt" = ${NOW}, "storageKey" = NULL,
        "leaseOwner" = NULL, "leaseUntil" = NULL
    WHERE id = ${id}::uuid AND "leaseOwner" = ${owner} AND status = 'RUNNING'
    RETURNING *`;
  return rows[0] ?? null;
}

/** Hands a job back to the queue (a clean stop), keeping its attempt count. */
export async function releaseExport(id: string, owner: string): Promise<void> {
  await db().$executeRaw`
    UPDATE "ExportJob" SET status = 'QUEUED', progress = 0, "leaseOwner" = NULL, "leaseUntil" = NULL
    WHERE id = ${id}::uuid AND "leaseOwner" = ${owner} AND status = 'RUNNING'`;
}

/**
 * Deletes the zips of exports past their expiry and marks them EXPIRED,
 * holding the rows meanwhile: a stop in between leaves them to the next sweep.
 */
export async function sweepExpiredExports(): Promise<number> {
  let total = 0;
  for (;;) {
    const swept = await db().$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<Array<{ id: string; storageKey: string | null }>>`
        SELECT id, "storageKey" FROM "ExportJob"
        WHERE status = 'READY' AND "expiresAt" <= ${NOW}
        ORDER BY "expiresAt" LIMIT 100
        FOR UPDATE SKIP LOCKED`;
        for (const job of due) if (job.storageKey) await mediaStorage().delete(job.storageKey);
        if (due.length > 0) {
          await tx.$executeRaw`
          UPDATE "ExportJob" SET status = 'EXPIRED', "storageKey" = NULL
          WHERE id = ANY(${due.map((d) => d.id)}::uuid[])`;
        }
        return due.length;
      },
      { timeout: 60_000 },
    );
    total += swept;
    if (swept < 100) break;
  }
  // The rows themselves, a while after the day's limit stopped counting them.
  await db().$executeRaw`
    DELETE FROM "ExportJob"
    WHERE "createdAt" < ${NOW} - make_interval(days => ${ROW_RETENTION_DAYS}) AND status IN ('FAILED', 'EXPIRED')`;
  return total;
}

const ROW_RETENTION_DAYS = 30;
