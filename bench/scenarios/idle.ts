// 4. idle-N: ramp to N authenticated idle sockets (users hold several each)
// in four steps; RSS and heap growth per connection (slopes over the steps,
// each read after a full GC), connect rate, and CPU while idle.
import type { Context, Kind } from '../lib/context';
import { ClientPool } from '../lib/pool';
import { CpuWindow, settledMemory, type Settled } from '../lib/proc-stats';
import { ratio, type ScenarioReport, type Side } from '../lib/report';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STEPS = 4;

type Point = Settled & { sockets: number };

/** Least-squares slope of y (KB) over connected sockets: KB per connection. */
function slope(points: Point[], y: (p: Point) => number): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.sockets, 0) / n;
  const my = points.reduce((a, p) => a + y(p), 0) / n;
  const sxy = points.reduce((a, p) => a + (p.sockets - mx) * (y(p) - my), 0);
  const sxx = points.reduce((a, p) => a + (p.sockets - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

export async function idle(ctx: Context): Promise<ScenarioReport> {
  const sockets = ctx.full ? 10_000 : 1_000;
  const idleMs = ctx.full ? 15_000 : 2_000;
  const users = ctx.users;

  const side = async (kind: Kind): Promise<Side> => {
    const target = kind === 'ours' ? ctx.ours : ctx.bare;
    // Connected in steps, one pool each, RSS read after a full GC each time:
    // the slope over the steps is the cost of a connection, not of when V8
    // last collected the garbage of the scenarios before.
    const pools: ClientPool[] = [];
    try {
      await sleep(1000);
      const points: Point[] = [{ sockets: 0, ...(await settledMemory(target.pids)) }];
      const clients = Array.from({ length: sockets }, (_, i) =>
        kind === 'ours'
          ? { token: users[i % users.length]!.token, url: target.urls[i % target.urls.length] }
          : { rooms: [`idle-${i % users.length}`] },
      );
      const connectCpu = new CpuWindow(target.pids);
      let connected = 0;
      let failed = 0;
      let connectMs = 0;
      const per = Math.ceil(sockets / STEPS);
      for (let step = 0; step < STEPS; step++) {
        const pool = new ClientPool(ctx.workers);
        pools.push(pool);
        const c = await pool.connect(target.url, clients.slice(step * per, (step + 1) * per));
        connected += c.connected;
        failed += c.failed;
        connectMs += c.ms;
        await sleep(500);
        points.push({ sockets: connected, ...(await settledMemory(target.pids)) });
      }
      const connectCpuPct = connectCpu.stop().cpuPct;
      await sleep(ctx.full ? 2000 : 1000);
      const idleCpu = new CpuWindow(target.pids);
      await sleep(idleMs);
      const { cpuPct } = idleCpu.stop();
      const s: Side = {
        rssKBPerConn: Math.round(slope(points, (p) => p.rssKB) * 10) / 10,
        heapKBPerConn: Math.round(slope(points, (p) => p.heapKB) * 10) / 10,
        cpuPct,
        connected,
        failed,
        connectPerSec: Math.round(connected / (connectMs / 1000)),
        connectCpuPct,
        memoryAtSteps: points,
      };
      ctx.log(`  idle ${kind}: ${connected} sockets (${failed} failed) at ${s.connectPerSec}/s, RSS ${s.rssKBPerConn} KB/conn (${points.map((p) => Math.round(p.rssKB / 1024)).join(' → ')} MB), heap ${s.heapKBPerConn} KB/conn (${points.map((p) => Math.round(p.heapKB / 1024)).join(' → ')} MB), idle cpu ${cpuPct}%`);
      return s;
    } finally {
      for (const pool of pools) await pool.close();
    }
  };

  const ours = await side('ours');
  const bare = await side('bare');
  return {
    name: `idle-${sockets >= 1000 ? `${sockets / 1000}k` : sockets}`,
    scale: `${sockets} sockets over ${users.length} users${ctx.full ? '' : ' (quick: scaled down from 10,000)'}`,
    target: '≤ 30 KB RSS per connection',
    met: (ours.rssKBPerConn ?? Infinity) <= 30 && ours.failed === 0,
    ours,
    bare,
    ratio: ratio(ours, bare),
  };
}
