// 8. room-isolation: two server processes joined by Redis, every client on
// the first one, direct-message traffic between them. How much CPU does the
// second process, which holds no member of any of those rooms, spend on that
// traffic? Measured for both adapters (REDIS_ADAPTER) in the same run, each
// on two processes of its own: with `streams` every process reads and
// decodes every broadcast of the deployment; with `sharded` a process
// subscribes only to rooms where it has sockets.
import { createChats, registerUsers } from '../lib/api';
import type { Context } from '../lib/context';
import { ClientPool } from '../lib/pool';
import { CpuWindow } from '../lib/proc-stats';
import type { ScenarioReport, Side } from '../lib/report';
import { startOurs } from '../lib/server';

const ADAPTERS = ['streams', 'sharded'] as const;

export async function roomIsolation(ctx: Context): Promise<ScenarioReport> {
  const name = 'room-isolation';
  const redisUrl = process.env.REDIS_URL;
  if (ctx.db.kind !== 'postgres' || !redisUrl) {
    return { name, scale: 'skipped: needs REDIS_URL and PostgreSQL (--db postgres)', target: '', ours: {} };
  }
  const pairs = 50;
  const rate = ctx.full ? 1000 : 500;
  const durationMs = (ctx.stepSeconds ?? (ctx.full ? 10 : 5)) * 1000;
  const sides: Record<string, Side> = {};
  for (const adapter of ADAPTERS) {
    const target = await startOurs(ctx.db, { redisUrl, processes: 2, env: { REDIS_ADAPTER: adapter } });
    const pool = new ClientPool(ctx.workers);
    try {
      const users = await registerUsers(target.url, pairs * 2);
      const chats = await createChats(
        target.url,
        Array.from({ length: pairs }, (_, p) => ({ owner: users[2 * p]!, others: [users[2 * p + 1]!] })),
      );
      // Everyone on the first process; the second holds nobody.
      const c = await pool.connect(
        target.urls[0]!,
        users.map((u) => ({ token: u.token, url: target.urls[0] })),
        (i) => Math.floor(i / 2),
      );
      if (c.failed > 0) throw new Error(`${c.failed} clients failed to connect: ${c.errors.join('; ')}`);
      const senders = users.map((_, client) => ({ client, chatId: chats[Math.floor(client / 2)]! }));
      // What the second process spends with no traffic at all (its timers,
      // Redis pings): the traffic's share is what it spends above this.
      const baseline = new CpuWindow(target.pids[1]!);
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      const processIdle = baseline.stop().cpuPct;
      const holding = new CpuWindow(target.pids[0]!);
      const idle = new CpuWindow(target.pids[1]!);
      const traffic = await pool.traffic({
        tag: `iso${adapter}`,
        senders,
        ratePerSec: rate,
        durationMs,
        drainMs: 2000,
        recipients: () => 1,
      });
      const processWithRooms = holding.stop().cpuPct;
      const processWithout = idle.stop().cpuPct;
      sides[adapter] = {
        msgsPerSec: Math.round(traffic.sentOk / (durationMs / 1000)),
        p99Ms: traffic.delivery.p99Ms,
        lost: traffic.lost,
        duplicates: traffic.duplicates,
        sendFailed: traffic.sentFailed,
        unacked: traffic.unacked,
        ...(traffic.errors.length > 0 ? { errors: traffic.errors.slice(0, 3) } : {}),
        cpuPctProcessWithMembers: processWithRooms,
        cpuPctProcessWithout: processWithout,
        cpuPctProcessWithoutIdle: processIdle,
      };
      ctx.log(`  ${adapter}: process with the rooms ${processWithRooms}% CPU, process without ${processWithout}% (${processIdle}% with no traffic), p99 ${traffic.delivery.p99Ms} ms, lost ${traffic.lost}`);
    } finally {
      await pool.close();
      await target.stop();
    }
  }
  // The CPU the traffic costs the process without members, above its own idle.
  const trafficCost = (side: Side) =>
    Math.max(0, (side.cpuPctProcessWithout as number) - (side.cpuPctProcessWithoutIdle as number));
  const share = trafficCost(sides.sharded!) / Math.max(0.1, trafficCost(sides.streams!));
  return {
    name,
    scale: `${pairs} direct chats at ${rate} msg/s for ${durationMs / 1000} s, every client on process 1 of 2`,
    target:
      'with sharded, the traffic costs the process without members ≤ 5 % of the CPU it costs with streams (each above that process with no traffic)',
    met: share <= 0.05 && sides.sharded!.lost === 0,
    ours: sides.sharded!,
    bare: sides.streams!,
    ratio: { cpuProcessWithout: Math.round(share * 1000) / 1000 },
    notes: ['"ours" is REDIS_ADAPTER=sharded, "bare" is REDIS_ADAPTER=streams, both measured in this run'],
  };
}
