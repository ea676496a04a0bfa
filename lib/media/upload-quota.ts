// Each person may upload UPLOAD_DAILY_FILES files and UPLOAD_DAILY_BYTES
// bytes (as stored) in any 24 hours, counted in the database so every
// process counts the same.
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Throws 429 RATE_LIMITED, with when to try again, unless `adding` more bytes fit today's allowance. */
export async function assertUploadQuota(userId: string, adding: number): Promise<void> {
  const { UPLOAD_DAILY_BYTES: maxBytes, UPLOAD_DAILY_FILES: maxFiles } = env();
  const [used] = await db().$queryRaw<
    Array<{ files: number; bytes: number; oldest: Date | null; now: Date }>
  >`
    SELECT count(*)::int AS files, coalesce(sum(size), 0)::float8 AS bytes, min("createdAt") AS oldest,
           (now() AT TIME ZONE 'UTC') AS now
    FROM "Upload"
    WHERE "uploaderId" = ${userId}::uuid AND "copyOfId" IS NULL
      AND "createdAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours'`;
  if (!used) return;
  const tooMany = used.files + 1 > maxFiles;
  if (!tooMany && used.bytes + adding <= maxBytes) return;
  // When the oldest upload of the window leaves it: the earliest moment anything frees up.
  const retryAfterSeconds = used.oldest
    ? Math.max(1, Math.ceil((used.oldest.getTime() + DAY_MS - used.now.getTime()) / 1000))
    : Math.ceil(DAY_MS / 1000);
  const limit = tooMany ? `${maxFiles} files` : `${formatBytes(maxBytes)}`;
  throw new AppError(
    'RATE_LIMITED',
    `You can upload at most ${limit} in 24 hours. Try again in ${formatWait(retryAfterSeconds)}.`,
    retryAfterSeconds,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}
