// The push queue's part of /api/health.
import { pushRuntime } from './runtime';
import type { PushCounter } from './stats';

export type PushHealth =
  { enabled: false } | ({ enabled: true; queued: number | null } & Partial<Record<PushCounter, number>>);

/** Within `ms`: with Redis unreachable the figures are left out rather than holding the answer. */
export async function pushHealth(ms: number): Promise<PushHealth> {
  const runtime = pushRuntime();
  if (!runtime) return { enabled: false };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    const figures = await Promise.race([
      Promise.all([runtime.queue.depth(), runtime.stats.read()]).catch(() => null),
      late,
    ]);
    if (!figures) return { enabled: true, queued: null };
    const [queued, counts] = figures;
    return { enabled: true, queued, ...counts };
  } finally {
    clearTimeout(timer);
  }
}
