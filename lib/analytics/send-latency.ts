// Socket sends' latency, receive → ack, for the dashboard's send p50 and
// p95. Prometheus' histogram lives in one process's memory; this one is
// counted per UTC day into the same fixed buckets in memory and added to
// "AnalyticsSendLatency" by every process now and then (flushSendLatency),
// so the figures cover every process and outlive restarts. A process that
// dies loses at most the counts since its last flush.
import { db } from '../db';
import { processSlot } from '../process-state';

/** Upper bounds of the buckets, in milliseconds; one more bucket holds anything slower. */
export const LATENCY_BOUNDS_MS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000,
] as const;

/** day → counts per bucket, not yet written. */
const slot = processSlot<Map<string, number[]>>('analyticsSendLatency');
const pending = () => slot.use(() => new Map());

export function bucketOf(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? LATENCY_BOUNDS_MS.length : i;
}

export function recordSendLatency(ms: number, at = new Date()): void {
  const day = at.toISOString().slice(0, 10);
  const counts = pending().get(day) ?? new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  counts[bucketOf(ms)]! += 1;
  pending().set(day, counts);
}

/** Runs a send and records how long it took when it succeeds. */
export async function timedSend<T>(send: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await send();
  recordSendLatency(performance.now() - started);
  return result;
}

/** Adds the counts recorded so far to the database; on failure they wait for the next flush. */
export async function flushSendLatency(): Promise<void> {
  const map = pending();
  if (map.size === 0) return;
  const days: string[] = [];
  const buckets: number[] = [];
  const counts: number[] = [];
  for (const [day, perBucket] of map) {
    perBucket.forEach((n, bucket) => {
      if (n === 0) return;
      days.push(day);
      buckets.push(bucket);
      counts.push(n);
    });
  }
  map.clear();
  try {
    await db().$executeRaw`
      INSERT INTO "AnalyticsSendLatency" (day, bucket, count)
      SELECT * FROM unnest(${days}::date[], ${buckets}::int[], ${counts}::bigint[])
      ON CONFLICT (day, bucket) DO UPDATE SET count = "AnalyticsSendLatency".count + EXCLUDED.count`;
  } catch (error) {
    days.forEach((day, i) => {
      const again = map.get(day) ?? new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
      again[buckets[i]!]! += counts[i]!;
      map.set(day, again);
    });
    throw error;
  }
}

/**
 * The q-quantile (0–1) of a histogram with LATENCY_BOUNDS_MS buckets,
 * interpolated within its bucket; null when it is empty. The slowest bucket
 * has no upper bound: a quantile there is its lower bound.
 */
export function quantileOf(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
    const upper = LATENCY_BOUNDS_MS[i];
    if (n > 0 && below + n >= target) {
      if (upper === undefined) return lower;
      return lower + ((upper - lower) * (target - below)) / n;
    }
    below += n;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}
