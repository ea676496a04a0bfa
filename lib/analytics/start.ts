// Runs the analytics rollup and writes the send-latency counts in every
// process, every ANALYTICS_ROLLUP_SECONDS. Processes take turns on the
// rollup's watermark (rollup.ts); each writes its own latency counts.
import type { Logger } from 'pino';
import { repeat } from '../repeat';
import { rollUpAnalytics } from './rollup';
import { flushSendLatency } from './send-latency';

export function startAnalytics({
  intervalMs,
  log,
}: {
  intervalMs: number;
  log: Logger;
}): () => Promise<void> {
  const stop = repeat(
    async () => {
      try {
        await flushSendLatency();
        await rollUpAnalytics();
      } catch (error) {
        log.error({ err: error }, 'analytics rollup failed; it resumes from its watermark next time');
      }
    },
    intervalMs,
    { now: false },
  );
  return async () => {
    await stop();
    // What this process counted since its last run.
    await flushSendLatency().catch((error: unknown) => log.warn({ err: error }, 'send latency not written'));
  };
}
