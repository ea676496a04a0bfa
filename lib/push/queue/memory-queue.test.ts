import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { memoryPushQueue } from './memory-queue';
import type { PushJob } from './types';

const job = (messageId: string): PushJob => ({ kind: 'message', messageId });

describe('the in-process push queue', () => {
  it('adds a job with a once key only the first time, and counts what waits or runs', async () => {
    const queue = memoryPushQueue(pino({ level: 'silent' }));
    expect(await queue.add(job('a'), { once: 'm:a' })).toBe(true);
    expect(await queue.add(job('a'), { once: 'm:a' })).toBe(false);
    expect(await queue.add(job('b'), { delayMs: 60_000 })).toBe(true);
    expect(await queue.depth()).toBe(2);
    await queue.stop();
  });

  it('runs at most `concurrency` jobs at once, and stop waits for them', async () => {
    const queue = memoryPushQueue(pino({ level: 'silent' }));
    let running = 0;
    let most = 0;
    const done: string[] = [];
    queue.consume(async (j) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (j.kind === 'message') done.push(j.messageId);
    }, 2);
    for (const id of ['1', '2', '3', '4', '5']) await queue.add(job(id));
    while (done.length < 5) await new Promise((r) => setTimeout(r, 5));
    expect(most).toBe(2);
    expect(done.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(await queue.depth()).toBe(0);
    await queue.stop();
    expect(await queue.add(job('6'))).toBe(false);
  });
});
