// 3. realistic: users in chats of 2–10 members, each user sending one
// message every 10 s to one of their chats.
import { createChats, type BenchUser } from '../lib/api';
import { measured, withClients, type Context, type Kind } from '../lib/context';
import { ratio, trafficSide, type ScenarioReport } from '../lib/report';

export async function realistic(ctx: Context): Promise<ScenarioReport> {
  const userCount = Math.min(ctx.users.length, ctx.full ? 5000 : 500);
  const users = ctx.users.slice(0, userCount);
  // Deterministic sizes 2..10; every user is in at least one chat.
  const groups: Array<{ owner: BenchUser; others: BenchUser[] }> = [];
  let next = 0;
  for (let c = 0; next < userCount; c++) {
    const size = Math.min(2 + ((c * 7) % 9), userCount - next);
    if (size < 2) break;
    const chunk = users.slice(next, next + size);
    groups.push({ owner: chunk[0]!, others: chunk.slice(1) });
    next += size;
  }
  const chats = await createChats(ctx.ours.url, groups);
  const chatOf = new Map<string, string>();
  const sizeOf = new Map<string, number>();
  groups.forEach((g, i) => {
    sizeOf.set(chats[i]!, g.others.length + 1);
    for (const u of [g.owner, ...g.others]) chatOf.set(u.id, chats[i]!);
  });
  const placed = users.filter((u) => chatOf.has(u.id));
  const members = placed.map((user) => ({ user, chats: [chatOf.get(user.id)!] }));
  const senders = members.map((m, client) => ({ client, chatId: m.chats[0]! }));
  const rate = placed.length / 10;
  const durationMs = ctx.full ? 60_000 : 8_000;
  // Keep each chat's members in one process, so receivers share the sender's clock.
  const chatIndex = new Map(chats.map((c, i) => [c, i]));
  const placement = (i: number) => chatIndex.get(members[i]!.chats[0]!)!;

  const side = (kind: Kind) =>
    withClients(ctx, kind, members, placement, async (pool) => {
      const { traffic, ...cpu } = await measured(ctx, kind, () =>
        pool.traffic({
          tag: `real${kind}`,
          senders,
          ratePerSec: rate,
          durationMs,
          drainMs: 3_000,
          recipients: (chat) => (sizeOf.get(chat) ?? 1) - 1,
        }),
      );
      const s = trafficSide(traffic, durationMs, cpu);
      ctx.log(`  realistic ${kind}: p50 ${s.p50Ms} p99 ${s.p99Ms} ms, ${s.msgsPerSec} msg/s, lost ${s.lost}, cpu ${s.cpuPct}% + db ${s.dbCpuPct ?? 0}%, ${s.cpuMsPerMsg} ms CPU/msg`);
      return s;
    });

  const ours = await side('ours');
  const bare = await side('bare');
  return {
    name: 'realistic',
    scale: `${placed.length} users in ${chats.length} chats of 2–10, ${rate} msg/s × ${durationMs / 1000} s${ctx.full ? '' : ' (quick: scaled down from 5,000 users / 1,000 chats)'}`,
    target: 'p99 ≤ 50 ms',
    met: (ours.p99Ms ?? Infinity) <= 50 && ours.lost === 0,
    ours,
    bare,
    ratio: ratio(ours, bare),
  };
}
