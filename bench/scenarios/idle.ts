// 4. idle-N: ramp to N authenticated idle sockets (users hold several each);
// RSS growth per connection, connect rate, and CPU while idle.
import type { Context, Kind } from '../lib/context';
import { ClientPool } from '../lib/pool';
import { CpuWindow, rssKB } from '../lib/proc-stats';
import { ratio, type ScenarioReport, type Side } from '../lib/report';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function idle(ctx: Context): Promise<ScenarioReport> {
  const sockets = ctx.full ? 10_000 : 1_000;
  const idleMs = ctx.full ? 15_000 : 5_000;
  const users = ctx.users;

  const side = async (kind: Kind): Promise<Side> => {
    const target = kind === 'ours' ? ctx.ours : ctx.bare;
    const pool = new ClientPool(ctx.workers);
    try {
      await sleep(1000);
      const before = rssKB(target.pids);
      const clients = Array.from({ length: sockets }, (_, i) =>
        kind === 'ours'
          ? { token: users[i % users.length]!.token, url: target.urls[i % target.urls.length] }
          : { rooms: [`idle-${i % users.length}`] },
      );
      const connectCpu = new CpuWindow(target.pids);
      const c = await pool.connect(target.url, clients);
      const connectCpuPct = connectCpu.stop().cpuPct;
      await sleep(2000);
      const idleCpu = new CpuWindow(target.pids);
      await sleep(idleMs);
      const { cpuPct } = idleCpu.stop();
      const after = rssKB(target.pids);
      const s: Side = {
        rssKBPerConn: Math.round(((after - before) / Math.max(1, c.connected)) * 10) / 10,
        cpuPct,
        connected: c.connected,
        failed: c.failed,
        connectPerSec: Math.round(c.connected / (c.ms / 1000)),
        connectCpuPct,
        rssBeforeKB: before,
        rssAfterKB: after,
      };
      ctx.log(`  idle ${kind}: ${c.connected} sockets (${c.failed} failed) at ${s.connectPerSec}/s, ${s.rssKBPerConn} KB/conn, idle cpu ${cpuPct}%`);
      return s;
    } finally {
      await pool.close();
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
