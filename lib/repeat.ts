// The periodic sweeps each process runs (disappearing messages, account
// erasure, media purge, analytics rollup) share one shape: run, run again
// every interval, never overlap a run still going, and on stop wait for it.

/**
 * Runs `task` (now, unless `now` is false) and every `intervalMs` after,
 * until the returned function is called; that resolves once a run in
 * progress has finished. A run still going when the next is due is not
 * overtaken: that turn is skipped. `task` handles its own errors.
 */
export function repeat(
  task: () => Promise<void>,
  intervalMs: number,
  { now = true }: { now?: boolean } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= task().finally(() => {
      running = undefined;
    });
  };
  if (now) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * A wait of `ms` that ends early when `signal` aborts or `wake()` is called,
 * for a loop that polls. It leaves no listener on `signal` behind: a
 * listener per turn adds up in a process that runs for weeks.
 */
export function pause(ms: number, signal: AbortSignal): { done: Promise<void>; wake(): void } {
  let wake = () => {};
  // The executor runs at once, so `wake` is `end` by the time it is returned.
  const done = new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    signal.addEventListener('abort', end, { once: true });
    if (signal.aborted) end();
    wake = end;
  });
  return { done, wake };
}
