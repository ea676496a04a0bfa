// Latency histograms in microseconds (HDR, 3 significant digits), shipped
// between processes as compressed base64 and merged by the coordinator.
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

const HIGHEST_US = 600_000_000; // 10 minutes: nothing in a bench run waits longer.

export function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
}

export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

export function encode(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function mergeEncoded(parts: string[]): Histogram {
  const total = newHistogram();
  for (const part of parts) total.add(hdr.decodeFromCompressedBase64(part));
  return total;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    count: h.totalCount,
    p50Ms: round(h.getValueAtPercentile(50) / 1000),
    p99Ms: round(h.getValueAtPercentile(99) / 1000),
    maxMs: round(h.maxValue / 1000),
  };
}

/** The wall clock in epoch milliseconds with sub-millisecond resolution, comparable across processes on one host. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
