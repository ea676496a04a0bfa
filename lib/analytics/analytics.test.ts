import { describe, expect, it } from 'vitest';
import { newId } from '../chat/store/ids';
import { analyticsRange } from './get-analytics';
import { idAt } from './rollup';
import { LATENCY_BOUNDS_MS, bucketOf, quantileOf } from './send-latency';

describe('the rollup watermark', () => {
  it('orders ids by the millisecond they were made in', () => {
    const now = Date.now();
    const id = newId();
    expect(idAt(now - 1) < id).toBe(true);
    expect(idAt(Date.now() + 1) > id).toBe(true);
  });
});

describe('send latency histogram', () => {
  it('puts a time in the first bucket that holds it, anything slower in the last', () => {
    expect(bucketOf(0.4)).toBe(0);
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(1.01)).toBe(1);
    expect(bucketOf(60_000)).toBe(LATENCY_BOUNDS_MS.length);
  });

  it('interpolates quantiles within a bucket', () => {
    const counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
    expect(quantileOf(counts, 0.5)).toBeNull();
    counts[bucketOf(4)] = 10; // 3–5 ms
    counts[bucketOf(40)] = 10; // 30–50 ms
    expect(quantileOf(counts, 0.5)).toBe(5);
    expect(quantileOf(counts, 0.25)).toBe(4);
    expect(quantileOf(counts, 0.95)).toBe(48);
    counts[LATENCY_BOUNDS_MS.length] = 1000;
    expect(quantileOf(counts, 0.95)).toBe(10_000);
  });
});

describe('analytics range', () => {
  const now = Date.parse('2026-12-04T15:00:00Z'); // a Friday
  it('defaults to the 30 days ending today', () => {
    expect(analyticsRange({}, now)).toEqual({ from: '2026-11-05', to: '2026-12-04', bucket: 'day' });
  });
  it('widens weeks to Monday–Sunday', () => {
    expect(analyticsRange({ from: '2026-11-05', to: '2026-12-04', bucket: 'week' }, now)).toEqual({
      from: '2026-11-02',
      to: '2026-12-06',
      bucket: 'week',
    });
    expect(analyticsRange({ from: '2026-11-30', to: '2026-11-30', bucket: 'week' }, now)).toMatchObject({
      from: '2026-11-30',
      to: '2026-12-06',
    });
  });
  it('refuses a range past a year, or backwards', () => {
    expect(() => analyticsRange({ from: '2025-01-01', to: '2026-01-02' }, now)).toThrow(/at most 366 days/);
    expect(() => analyticsRange({ from: '2026-12-05' }, now)).toThrow(/not be after/);
  });
});
