// The push queue of a single process.
import type { Logger } from 'pino';
import { ONCE_TTL_SECONDS, type PushJob, type PushQueue } from './types';

const ONCE_ENTRIES_BEFORE_SWEEP = 10_000;

export function memoryPushQueue(log: Logger): PushQueue {
  const ready: PushJob[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const seen = new Map<string, number>();
  let handler: ((job: PushJob) => Promise<void>) | undefined;
  let concurrency = 1;
  let stopped = false;

  const pump = () => {
    while (handler && !stopped && running.size < concurrency && ready.length > 0) {
      const job = ready.shift() as PushJob;
      const work = handler(job).catch((err: unknown) => {
        // At a stop, unsent pushes of this process are dropped (README, Notifications).
        if (!stopped) log.error({ err, job: job.kind }, 'push job failed');
      });
      running.add(work);
      void work.finally(() => {
        running.delete(work);
        pump();
      });
    }
  };

  const remember = (key: string): boolean => {
    const now = Date.now();
    if (seen.size >= ONCE_ENTRIES_BEFORE_SWEEP)
      for (const [k, until] of seen) if (until <= now) seen.delete(k);
    const until = seen.get(key);
    if (until !== undefined && until > now) return false;
    seen.set(key, now + ONCE_TTL_SECONDS * 1000);
    return true;
  };

  return {
    async add(job, options = {}) {
      if (stopped) return false;
      if (options.once && !remember(options.once)) return false;
      if (options.delayMs && options.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          ready.push(job);
          pump();
        }, options.delayMs);
        timer.unref();
        timers.add(timer);
      } else {
        ready.push(job);
        pump();
      }
      return true;
    },
    consume(next, limit) {
      handler = next;
      concurrency = limit;
      pump();
    },
    async depth() {
      return ready.length + timers.size + running.size;
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled(running);
    },
  };
}
