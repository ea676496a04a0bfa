// Builds queued exports, in every process. A worker claims one job at a time
// in the database (FOR UPDATE SKIP LOCKED) with a lease it renews at each
// progress; a process that stops mid-export (even kill -9) leaves its job
// RUNNING with a lease that runs out, and the first worker to look after
// that (its own restart, or another process) builds it again from the
// start. The zip is written to a temporary file and stored whole under the
// job's key; the row turns READY only after that, and only while the lease
// is still this worker's, so a half-written zip is never offered.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Env } from '../env';
import { announce } from '../events/bus';
import type { logger } from '../logger';
import { mediaStorage } from '../media/storage';
import { pause } from '../repeat';
import { removeStaleEntries } from '../media/storage/stale-files';
import { buildExport } from './build/build-export';
import { toExportDto } from './dto';
import {
  claimExport,
  failExport,
  finishExport,
  releaseExport,
  renewLease,
  sweepExpiredExports,
  type ClaimedJob,
} from './store';
import { setExportWorkerWake } from './wake';

/** Claims after which a job that keeps stopping its builder is given up. */
const MAX_ATTEMPTS = 3;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
/** Progress is written (and announced) at most this often. */
const PROGRESS_EVERY_MS = 1000;
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export class LeaseLost extends Error {}

export function startExportWorker({
  env,
  log,
}: {
  env: Env;
  log: ReturnType<typeof logger>;
}): () => Promise<void> {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const tempDir = path.resolve(env.DATA_DIR, 'exports-tmp');
  const stopping = new AbortController();
  const pollMs = Math.min(5000, env.EXPORT_LEASE_SECONDS * 1000);
  let wake: (() => void) | undefined;
  setExportWorkerWake(() => wake?.());

  const loop = (async () => {
    await removeStaleEntries(tempDir, STALE_TEMP_MS);
    let sweptAt = 0;
    while (!stopping.signal.aborted) {
      try {
        if (Date.now() - sweptAt > SWEEP_EVERY_MS) {
          sweptAt = Date.now();
          const expired = await sweepExpiredExports();
          if (expired > 0) log.info({ expired }, 'expired exports deleted');
        }
        const job = await claimExport(owner, env.EXPORT_LEASE_SECONDS);
        if (job) {
          await run(job);
          continue;
        }
      } catch (err) {
        if (!stopping.signal.aborted) log.error({ err }, 'export worker failed; trying again shortly');
      }
      const waiting = pause(pollMs, stopping.signal);
      wake = waiting.wake;
      await waiting.done;
      wake = undefined;
    }
  })();

  async function run(job: ClaimedJob): Promise<void> {
    if (job.previousKey) await mediaStorage().delete(job.previousKey);
    if (job.attempts > MAX_ATTEMPTS) {
      await giveUp(job, 'It stopped too often while being built. Ask for a new export.');
      return;
    }
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    const filePath = path.join(tempDir, `${job.id}-${randomBytes(6).toString('hex')}.zip`);
    let writtenAt = 0;
    const progress = async (fraction: number) => {
      if (Date.now() - writtenAt < PROGRESS_EVERY_MS) return;
      writtenAt = Date.now();
      if (!(await renewLease(job.id, owner, env.EXPORT_LEASE_SECONDS, fraction))) throw new LeaseLost();
      announce({
        type: 'export.progress',
        actor: { userId: null },
        userId: job.userId,
        exportId: job.id,
        progress: fraction,
      });
    };
    try {
      const zip = await buildExport(job, {
        filePath,
        progress,
        signal: stopping.signal,
        paceMs: env.EXPORT_PACE_MS,
      });
      await mediaStorage().put(job.storageKey, { path: filePath }, 'application/zip');
      const ready = await finishExport(job.id, owner, zip, env.EXPORT_RETENTION_DAYS);
      if (!ready) throw new LeaseLost();
      log.info({ exportId: job.id, size: zip.size }, 'export ready');
      announce({
        type: 'export.ready',
        actor: { userId: null },
        userId: job.userId,
        export: toExportDto(ready),
      });
    } catch (err) {
      if (err instanceof LeaseLost) {
        // Deleted meanwhile, or taken over after this process stalled: not ours to store.
        await mediaStorage()
          .delete(job.storageKey)
          .catch(() => undefined);
      } else if (stopping.signal.aborted) {
        // A clean stop hands the job back at once, to be built again from the start.
        await releaseExport(job.id, owner).catch(() => undefined);
      } else {
        log.error({ err, exportId: job.id }, 'export failed');
        await giveUp(job, 'The export could not be built. Ask for a new one.');
      }
    } finally {
      await rm(filePath, { force: true });
    }
  }

  async function giveUp(job: ClaimedJob, reason: string): Promise<void> {
    await mediaStorage()
      .delete(job.storageKey)
      .catch(() => undefined);
    const failed = await failExport(job.id, owner, reason);
    if (failed)
      announce({
        type: 'export.failed',
        actor: { userId: null },
        userId: job.userId,
        export: toExportDto(failed),
      });
  }

  return async () => {
    stopping.abort();
    setExportWorkerWake(undefined);
    await loop;
  };
}
