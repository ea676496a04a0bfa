// 2. group-fanout-N: one group of N members, a few senders; latency is to
// the last recipient of each message.
import { createChat } from '../lib/api';
import { measured, withClients, type Context, type Kind } from '../lib/context';
import { ratio, trafficSide, type ScenarioReport } from '../lib/report';

export async function groupFanout(ctx: Context, size: 50 | 500): Promise<ScenarioReport> {
  const users = ctx.users.slice(0, size);
  const chatId = await createChat(ctx.ours.url, users[0]!, users.slice(1));
  const senderCount = 5;
  // Offered deliveries per second stay near 5,000 (50) and 10,000 (500).
  const rate = size === 50 ? 100 : 20;
  const durationMs = ctx.full ? 20_000 : 5_000;
  const members = users.map((user) => ({ user, chats: [chatId] }));
  const senders = Array.from({ length: senderCount }, (_, i) => ({ client: i * Math.floor(size / senderCount), chatId }));

  const side = (kind: Kind) =>
    withClients(ctx, kind, members, undefined, async (pool) => {
      const { traffic, ...cpu } = await measured(ctx, kind, () =>
        pool.traffic({
          tag: `g${size}${kind}`,
          senders,
          ratePerSec: rate,
          durationMs,
          drainMs: 5_000,
          recipients: () => size - 1,
          perMessage: true,
        }),
      );
      const s = {
        ...trafficSide(traffic, durationMs, cpu, traffic.lastRecipient),
        perDeliveryP99Ms: traffic.delivery.p99Ms,
      };
      ctx.log(`  group-fanout-${size} ${kind}: last-recipient p50 ${s.p50Ms} p99 ${s.p99Ms} ms, ${s.deliveriesPerSec} deliveries/s, lost ${s.lost}, cpu ${s.cpuPct}% + db ${s.dbCpuPct ?? 0}%, ${s.cpuMsPerMsg} ms CPU/msg`);
      return s;
    });

  const ours = await side('ours');
  const bare = await side('bare');
  const limit = size === 500 ? 100 : undefined;
  return {
    name: `group-fanout-${size}`,
    scale: `${size} members, ${senderCount} senders, ${rate} msg/s × ${durationMs / 1000} s`,
    target: limit ? 'p99 ≤ 100 ms (last recipient); ≥ half of bare' : 'no fixed target; ≥ half of bare',
    met: limit ? (ours.p99Ms ?? Infinity) <= limit && ours.lost === 0 : undefined,
    ours,
    bare,
    ratio: ratio(ours, bare),
  };
}
