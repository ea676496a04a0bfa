import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { pause, repeat } from './repeat';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('repeat', () => {
  it('runs now and every interval, never overlapping a run still going, and stop waits for it', async () => {
    let starts = 0;
    let active = 0;
    let most = 0;
    let finished = 0;
    const stop = repeat(async () => {
      starts++;
      most = Math.max(most, ++active);
      await tick(35);
      active--;
      finished++;
    }, 10);
    expect(starts).toBe(1);
    await tick(100);
    await stop();
    expect(most).toBe(1);
    expect(starts).toBeGreaterThan(1);
    expect(finished).toBe(starts);
    const after = starts;
    await tick(40);
    expect(starts).toBe(after);
  });

  it('waits for the first interval when now is false', async () => {
    let starts = 0;
    const stop = repeat(async () => void starts++, 20, { now: false });
    expect(starts).toBe(0);
    await tick(50);
    await stop();
    expect(starts).toBeGreaterThan(0);
  });
});

describe('pause', () => {
  it('waits its time and leaves no listener on the signal, however many turns a loop takes', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) await pause(1, stop.signal).done;
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('ends early when woken or when the signal aborts, and at once when it already has', async () => {
    const stop = new AbortController();
    const started = performance.now();
    const woken = pause(60_000, stop.signal);
    woken.wake();
    await woken.done;
    const aborted = pause(60_000, stop.signal).done;
    stop.abort();
    await aborted;
    await pause(60_000, stop.signal).done;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });
});
