// CPU and memory of another process, read from /proc (Linux only).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { memoryFile } from './gc-on-signal';

const TICKS_PER_SECOND = 100; // USER_HZ on every Linux we run on.

/** Resident memory of one process, or the sum over several. */
export function rssKB(pid: number | number[]): number {
  if (Array.isArray(pid)) return pid.reduce((sum, one) => sum + rssKB(one), 0);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) : 0;
}

export interface Settled {
  /** Resident memory, summed over the processes. */
  rssKB: number;
  /** V8 heap in use plus memory outside it held by JS objects (buffers), summed. */
  heapKB: number;
}

/**
 * Memory after a full garbage collection in each process (started by
 * bench/lib/server.ts with the SIGUSR2 handler of gc-on-signal.ts), so a
 * reading counts live memory, not when V8 last collected.
 */
export async function settledMemory(pids: number[]): Promise<Settled> {
  for (const pid of pids) rmSync(memoryFile(pid), { force: true });
  for (const pid of pids) process.kill(pid, 'SIGUSR2');
  const until = Date.now() + 10_000;
  while (!pids.every((pid) => existsSync(memoryFile(pid)))) {
    if (Date.now() > until) throw new Error('a process under test did not report its memory');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 250));
  let heapKB = 0;
  for (const pid of pids) {
    const usage = JSON.parse(readFileSync(memoryFile(pid), 'utf8')) as { heapUsed: number; external: number };
    heapKB += Math.round((usage.heapUsed + usage.external) / 1024);
  }
  return { rssKB: rssKB(pids), heapKB };
}

/** utime + stime of the process, in seconds (0 for a process that is gone). */
export function cpuSeconds(pid: number | number[]): number {
  if (Array.isArray(pid)) return pid.reduce((sum, one) => sum + cpuSeconds(one), 0);
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name may hold spaces; fields after the closing paren are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Measures CPU percent (100 = one core) and peak RSS over a window, summed over the processes. */
export class CpuWindow {
  private readonly startCpu: number;
  private readonly startAt = performance.now();
  private peakRss = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number | number[]) {
    this.startCpu = cpuSeconds(pid);
    this.timer = setInterval(() => {
      this.peakRss = Math.max(this.peakRss, rssKB(pid));
    }, 250);
  }

  stop(): { cpuPct: number; cpuSeconds: number; peakRssKB: number } {
    clearInterval(this.timer);
    const seconds = (performance.now() - this.startAt) / 1000;
    const used = cpuSeconds(this.pid) - this.startCpu;
    return {
      cpuPct: Math.round((used / seconds) * 1000) / 10,
      cpuSeconds: used,
      peakRssKB: Math.max(this.peakRss, rssKB(this.pid)),
    };
  }
}

/**
 * CPU of a set of processes that may change during the window, such as a
 * PostgreSQL database's backends (a pool opens connections as it needs
 * them): processes there at the start count from then, processes that
 * appeared count whole, and `pids()` is asked again at the end.
 */
export class CpuOfProcesses {
  private readonly start = new Map<number, number>();
  private readonly startAt = performance.now();

  constructor(private readonly pids: () => number[]) {
    for (const pid of pids()) this.start.set(pid, cpuSeconds(pid));
  }

  stop(): { cpuPct: number; cpuSeconds: number } {
    const seconds = (performance.now() - this.startAt) / 1000;
    let used = 0;
    for (const pid of new Set([...this.start.keys(), ...this.pids()])) {
      const now = cpuSeconds(pid);
      if (now > 0) used += now - (this.start.get(pid) ?? 0);
    }
    return { cpuPct: Math.round((used / seconds) * 1000) / 10, cpuSeconds: used };
  }
}
