// Runs the analytics rollup and writes the send-latency counts in every
// process, every ANALYTICS_ROLLUP_SECONDS. Processes take turns on the
// rollup's watermark (rollup.ts); each writes its own latency counts.
import type { Logger } from 'pino';
import { rollUpAnalytics } from './rollup';
import { flushSendLatency } from './send-latency';

export function startAnalytics({
  intervalMs,
  log,
}: {
  intervalMs: number;
  log: Logger;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = (async () => {
      try {
        await flushSendLatency();
        await rollUpAnalytics();
      } catch (error) {
        log.error({ err: error }, 'analytics rollup failed; it resumes from its watermark next time');
      }
    })().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    // What this process counted since its last run.
    await flushSendLatency().catch((error: unknown) => log.warn({ err: error }, 'send latency not written'));
  };
}
