// 7. noisy-neighbour: does one user flooding the server move another user's
// latency? A server of its own with the production per-user limits; a victim
// reads history over REST and sends over its socket at a modest rate, alone
// (baseline), while an attacker floods `sync {since:{}}` over many sockets,
// and while it floods REST sends with many in flight. The attacker runs in a
// process of its own. Rounds interleave the three phases, so each flood is
// compared with a baseline taken minutes, not a run, apart; medians over rounds.
import { registerUsers, type BenchUser } from '../lib/api';
import type { Context } from '../lib/context';
import { Flooder, type FloodPlan, type FloodResult } from '../lib/flood';
import { cpuSeconds } from '../lib/proc-stats';
import type { ScenarioReport } from '../lib/report';
import { psql, startOurs } from '../lib/server';
import { connectSocket } from '../lib/socket';
import { runVictim, type VictimResult } from '../lib/victim';

/** The limits a deployment runs with (lib/env.ts defaults), over the bench's lifted ones. */
const PRODUCTION_LIMITS = {
  SOCKET_EVENTS_PER_SECOND: '20',
  USER_EVENTS_PER_SECOND: '50',
  USER_WRITES_PER_SECOND: '10',
  USER_READS_PER_SECOND: '20',
  SOCKET_MAX_PER_USER: '20',
  USER_REQUESTS_IN_FLIGHT: '8',
};
const ATTACKER_CHATS = 150;
const TARGET_RATIO = 2;

type Phase = 'baseline' | 'sync' | 'rest';
const PHASES: Phase[] = ['baseline', 'sync', 'rest'];

interface Window {
  victim: VictimResult;
  /** Server CPU over the window, 100 = one core. */
  cpuPct: number;
  seconds: number;
  flood?: FloodResult;
  /** Server CPU the flood added, per attacker request answered (ms). */
  cpuMsPerRequest?: number;
}

function seedSql(tag: string, attacker: string, victim: string, partner: string): string {
  const groups = (name: string, count: number, members: string[], messages: number) => `
INSERT INTO "ChatSession" (id, type, name, "createdById", "lastSeq", "lastMessageAt", "updatedAt")
  SELECT gen_random_uuid(), 'GROUP', '${tag} ${name} ' || g, '${members[0]}', ${messages}, now(), now() FROM generate_series(1, ${count}) g;
INSERT INTO "ChatParticipant" ("chatId", "userId", role)
  SELECT c.id, u.id, CASE WHEN u.id = '${members[0]}' THEN 'ADMIN' ELSE 'MEMBER' END::"ParticipantRole"
  FROM "ChatSession" c CROSS JOIN (VALUES ${members.map((m) => `('${m}'::uuid)`).join(', ')}) u(id) WHERE c.name LIKE '${tag} ${name} %';
INSERT INTO "ChatMessage" (id, "chatId", seq, "senderId", content, "createdAt", "updatedAt")
  SELECT gen_random_uuid(), c.id, s, CASE WHEN s % 2 = 0 THEN '${members[0]}'::uuid ELSE '${members[1]}'::uuid END,
         'seeded message ' || s || ' ' || substr(md5(c.id::text || s), 1, 16),
         now() - (${messages} - s) * interval '1 second', now() - (${messages} - s) * interval '1 second'
  FROM "ChatSession" c CROSS JOIN generate_series(1, ${messages}) s WHERE c.name LIKE '${tag} ${name} %';`;
  return `BEGIN;${groups('attacker', ATTACKER_CHATS, [attacker, partner], 20)}${groups('victim', 1, [victim, partner], 200)}
COMMIT;`;
}

const median = (xs: number[]) => {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0; // of two, the higher
};
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function noisyNeighbour(ctx: Context): Promise<ScenarioReport> {
  const name = 'noisy-neighbour';
  if (ctx.db.kind !== 'postgres' || !ctx.db.url) {
    return { name, scale: 'skipped: PGlite cannot be seeded from outside the server', target: '', ours: {} };
  }
  const rounds = ctx.windows ?? (ctx.full ? 5 : 3);
  const seconds = ctx.stepSeconds ?? (ctx.full ? 10 : 5);
  const rampMs = 1000;
  const server = await startOurs(ctx.db, { env: PRODUCTION_LIMITS });
  const flooder = new Flooder();
  const cleanup: Array<() => Promise<void> | void> = [() => server.stop(), () => flooder.close()];
  try {
    const [victim, partner, attacker] = (await registerUsers(server.url, 3)) as [BenchUser, BenchUser, BenchUser];
    const tag = `noisy${Date.now()}`;
    psql(ctx.db.url, seedSql(tag, attacker.id, victim.id, partner.id));
    psql(ctx.db.url, 'VACUUM (ANALYZE) "ChatSession", "ChatParticipant", "ChatMessage"');
    const chatsOf = (who: string) => psql(ctx.db.url!, `SELECT id FROM "ChatSession" WHERE name LIKE '${tag} ${who} %' ORDER BY name`).split('\n');
    const victimChat = chatsOf('victim')[0]!;
    const attackerChats = chatsOf('attacker');
    const socket = await connectSocket(server.url, victim.token);
    cleanup.unshift(() => void socket.close());
    const plan = (mode: FloodPlan['mode']): FloodPlan => ({
      mode,
      url: server.url,
      token: attacker.token,
      chatIds: attackerChats,
      sockets: Number(PRODUCTION_LIMITS.SOCKET_MAX_PER_USER),
      inFlight: mode === 'sync' ? 8 : 64,
    });
    await flooder.prepare(plan('sync'));
    const victimPlan = (label: string) => ({
      url: server.url,
      token: victim.token,
      chatId: victimChat,
      socket,
      restPerSec: 10,
      sendPerSec: 5,
      durationMs: seconds * 1000,
      tag: `${tag}-${label}`,
    });
    // Warm-up: JIT, the pool, Next's route bundles, and each flood once.
    await runVictim({ ...victimPlan('warm'), durationMs: 2000 });
    for (const mode of ['sync', 'rest'] as const) {
      flooder.start(plan(mode));
      await new Promise((r) => setTimeout(r, 1500));
      await flooder.stop();
      await new Promise((r) => setTimeout(r, 2500));
    }

    const windows: Record<Phase, Window[]> = { baseline: [], sync: [], rest: [] };
    for (let r = 0; r < rounds; r++) {
      for (const phase of PHASES) {
        const cpuAt = cpuSeconds(server.pids);
        const startedAt = performance.now();
        if (phase !== 'baseline') {
          flooder.start(plan(phase));
          await new Promise((res) => setTimeout(res, rampMs));
        }
        const victimResult = await runVictim(victimPlan(`${phase}${r}`));
        const flood = phase === 'baseline' ? undefined : await flooder.stop();
        const span = (performance.now() - startedAt) / 1000;
        const cpu = cpuSeconds(server.pids) - cpuAt;
        const window: Window = { victim: victimResult, cpuPct: Math.round((cpu / span) * 1000) / 10, seconds: span, flood };
        if (flood) {
          // What the server spent beyond the victim's own load (this round's baseline), per flood request.
          const baseline = windows.baseline[windows.baseline.length - 1];
          const idleCpu = baseline ? (baseline.cpuPct / 100) * span : 0;
          const answered = flood.accepted + flood.refused;
          window.cpuMsPerRequest = answered > 0 ? round2(((cpu - idleCpu) * 1000) / answered) : undefined;
        }
        windows[phase].push(window);
        const v = victimResult;
        ctx.log(
          `  ${name} round ${r + 1} ${phase}: victim REST p50 ${v.rest.p50Ms} p99 ${v.rest.p99Ms}, send p50 ${v.send.p50Ms} p99 ${v.send.p99Ms} ms` +
            `${v.failed ? `, ${v.failed} failed (${v.errors.join('; ')})` : ''}, server CPU ${window.cpuPct}%` +
            (flood
              ? `; attacker ${Math.round(flood.accepted / span)}/s accepted, ${Math.round(flood.refused / span)}/s refused, ${flood.failed} failed${flood.errors.length ? ` (${flood.errors.join('; ')})` : ''}, ${window.cpuMsPerRequest} ms CPU/request`
              : ''),
        );
        // Let what the flood left in flight drain before the next phase.
        await new Promise((res) => setTimeout(res, 1500));
      }
    }
    return report(windows, rounds, seconds);
  } finally {
    for (const step of cleanup) await Promise.resolve(step()).catch((e: Error) => ctx.log(`cleanup: ${e.message}`));
  }
}

function report(windows: Record<Phase, Window[]>, rounds: number, seconds: number): ScenarioReport {
  const summary = (phase: Phase) => {
    const ws = windows[phase];
    const m = (pick: (w: Window) => number) => round2(median(ws.map(pick)));
    return {
      p50Ms: m((w) => w.victim.all.p50Ms),
      p99Ms: m((w) => w.victim.all.p99Ms),
      restP50Ms: m((w) => w.victim.rest.p50Ms),
      restP99Ms: m((w) => w.victim.rest.p99Ms),
      sendP50Ms: m((w) => w.victim.send.p50Ms),
      sendP99Ms: m((w) => w.victim.send.p99Ms),
      victimFailed: ws.reduce((n, w) => n + w.victim.failed, 0),
      cpuPct: m((w) => w.cpuPct),
      windowsP99Ms: ws.map((w) => w.victim.all.p99Ms),
      ...(phase === 'baseline'
        ? {}
        : {
            attackerAcceptedPerSec: m((w) => (w.flood?.accepted ?? 0) / w.seconds),
            attackerRefusedPerSec: m((w) => (w.flood?.refused ?? 0) / w.seconds),
            attackerFailed: ws.reduce((n, w) => n + (w.flood?.failed ?? 0), 0),
            cpuMsPerAttackerRequest: m((w) => w.cpuMsPerRequest ?? NaN),
          }),
    };
  };
  const baseline = summary('baseline');
  const sync = summary('sync');
  const rest = summary('rest');
  // Also each round's flood against the same round's baseline, then the median: the machine's load drifts between rounds.
  const perRound = (phase: Phase) =>
    round2(median(windows[phase].map((w, i) => w.victim.all.p99Ms / (windows.baseline[i]?.victim.all.p99Ms ?? NaN))));
  const ratioOf = (flood: typeof sync) => ({
    p99: round2(flood.p99Ms / baseline.p99Ms),
    restP99: round2(flood.restP99Ms / baseline.restP99Ms),
    sendP99: round2(flood.sendP99Ms / baseline.sendP99Ms),
    p50: round2(flood.p50Ms / baseline.p50Ms),
  });
  const syncRatio = ratioOf(sync);
  const restRatio = ratioOf(rest);
  return {
    name: 'noisy-neighbour',
    scale: `1 victim (REST history 10/s, socket sends 5/s) vs 1 attacker in ${ATTACKER_CHATS} chats: sync from 20 sockets × 8 in flight, REST sends 64 in flight; production per-user limits; ${rounds} rounds × ${seconds} s per phase, medians`,
    target: `victim p99 under either flood ≤ ${TARGET_RATIO}× its baseline`,
    met: Math.max(syncRatio.restP99, syncRatio.sendP99, restRatio.restP99, restRatio.sendP99) <= TARGET_RATIO,
    ours: { ...baseline, baseline, syncFlood: sync, restFlood: rest },
    ratio: {
      syncP99: syncRatio.p99,
      syncP99PerRoundMedian: perRound('sync'),
      restFloodP99PerRoundMedian: perRound('rest'),
      syncRestP99: syncRatio.restP99,
      syncSendP99: syncRatio.sendP99,
      restFloodP99: restRatio.p99,
      restFloodRestP99: restRatio.restP99,
      restFloodSendP99: restRatio.sendP99,
    },
  };
}
