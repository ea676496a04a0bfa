import { describe, expect, it } from 'vitest';
import { repeat } from './repeat';

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
