// The shape of bench/results/*.json and the helpers that fill it.
import type { TrafficResult } from './pool';

export interface Side {
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  msgsPerSec?: number;
  deliveriesPerSec?: number;
  lost?: number;
  duplicates?: number;
  rssKBPerConn?: number;
  cpuPct?: number;
  dbCpuPct?: number;
  cpuMsPerMsg?: number;
  walBytesPerMsg?: number;
  [extra: string]: unknown;
}

export interface ScenarioReport {
  name: string;
  scale: string;
  target: string;
  met?: boolean;
  ours: Side;
  bare?: Side;
  ratio?: Record<string, number>;
  notes?: string[];
}

/**
 * A traffic window's figures. `cpu` is what `measured` read: with it comes
 * `cpuMsPerMsg`, the server's and PostgreSQL's CPU per message sent and
 * acked (deliveries included), the figure issue 18's targets name.
 */
export function trafficSide(
  t: TrafficResult,
  durationMs: number,
  cpu: { cpuPct: number; dbCpuPct?: number; cpuSeconds?: number; walBytes?: number; indexBacklogMax?: number },
  latency = t.delivery,
): Side {
  const seconds = durationMs / 1000;
  const { cpuPct, dbCpuPct, cpuSeconds, walBytes, indexBacklogMax } = cpu;
  return {
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    maxMs: latency.maxMs,
    msgsPerSec: Math.round(t.sentOk / seconds),
    deliveriesPerSec: Math.round(t.delivered / seconds),
    lost: t.lost,
    duplicates: t.duplicates,
    cpuPct,
    ...(dbCpuPct ? { dbCpuPct } : {}),
    ...(cpuSeconds !== undefined && t.sentOk > 0
      ? { cpuMsPerMsg: Math.round(((cpuSeconds * 1000) / t.sentOk) * 1000) / 1000 }
      : {}),
    ...(walBytes !== undefined && t.sentOk > 0 ? { walBytesPerMsg: Math.round(walBytes / t.sentOk) } : {}),
    // At the offered rate, how far behind its ack the last message waiting to be indexed was, at most.
    ...(indexBacklogMax !== undefined
      ? { indexBacklogMax, indexLagMaxMs: Math.round((indexBacklogMax / Math.max(1, t.sentOk / seconds)) * 1000) }
      : {}),
    sendFailed: t.sentFailed,
    unacked: t.unacked,
    ackP99Ms: t.ack.p99Ms,
    generatorLagMaxMs: t.lagMaxMs,
    ...(t.errors.length > 0 ? { errors: t.errors } : {}),
  };
}

/** ours / bare for every numeric field both sides have. */
export function ratio(ours: Side, bare: Side): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['p50Ms', 'p99Ms', 'maxMs', 'msgsPerSec', 'deliveriesPerSec', 'rssKBPerConn', 'heapKBPerConn', 'cpuPct', 'cpuMsPerMsg', 'connectPerSec', 'sustainedPerSec']) {
    const a = ours[key];
    const b = bare[key];
    if (typeof a === 'number' && typeof b === 'number' && b !== 0) out[key] = Math.round((a / b) * 100) / 100;
  }
  return out;
}
