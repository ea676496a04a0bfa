// A well-behaved user's steady workload, open loop: REST history pages and
// socket sends on a wall-clock schedule, each timed from when it was due, so
// a server that falls behind shows it even when the generator is late.
import type { Socket } from 'socket.io-client';
import { newHistogram, nowMs, recordMs, summarize, type LatencySummary } from './histogram';

export interface VictimPlan {
  url: string;
  token: string;
  chatId: string;
  socket: Socket;
  /** GET …/messages?limit=50 per second. */
  restPerSec: number;
  /** send_message with an ack per second. */
  sendPerSec: number;
  durationMs: number;
  tag: string;
}

export interface VictimResult {
  rest: LatencySummary;
  send: LatencySummary;
  /** Both kinds together. */
  all: LatencySummary;
  /** Requests that did not succeed (a refusal included: the victim stays within its budgets). */
  failed: number;
  errors: string[];
}

export async function runVictim(plan: VictimPlan): Promise<VictimResult> {
  const rest = newHistogram();
  const send = newHistogram();
  const all = newHistogram();
  const errors: string[] = [];
  let failed = 0;
  const fail = (what: string) => {
    failed++;
    if (errors.length < 5 && !errors.includes(what)) errors.push(what);
  };
  const done = (h: typeof rest, due: number) => {
    const ms = nowMs() - due;
    recordMs(h, ms);
    recordMs(all, ms);
  };
  const history = `${plan.url}/api/v1/chat/sessions/${plan.chatId}/messages?limit=50`;
  const getOne = async (due: number) => {
    try {
      const res = await fetch(history, { headers: { authorization: `Bearer ${plan.token}` } });
      await res.arrayBuffer();
      if (res.ok) done(rest, due);
      else fail(`GET ${res.status}`);
    } catch (error) {
      fail((error as Error).message);
    }
  };
  let k = 0;
  const sendOne = async (due: number) => {
    try {
      const answer = (await plan.socket
        .timeout(30_000)
        .emitWithAck('send_message', { chatId: plan.chatId, content: `victim ${plan.tag} ${k}`, clientMessageId: `${plan.tag}-${k++}` })) as {
        ok: boolean;
        error?: { code: string };
      };
      if (answer.ok) done(send, due);
      else fail(`send ${answer.error?.code ?? 'unknown'}`);
    } catch (error) {
      fail((error as Error).message);
    }
  };

  // Both schedules interleaved on one timer; nothing waits for an answer.
  const start = nowMs() + 20;
  const schedule = [
    { every: 1000 / plan.restPerSec, next: 0, fire: getOne },
    { every: 1000 / plan.sendPerSec, next: plan.restPerSec > 0 ? 500 / plan.sendPerSec : 0, fire: sendOne },
  ].filter((s) => Number.isFinite(s.every));
  const inFlight: Array<Promise<void>> = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = nowMs() - start;
      for (const s of schedule) {
        while (s.next <= elapsed && s.next < plan.durationMs) {
          inFlight.push(s.fire(start + s.next));
          s.next += s.every;
        }
      }
      if (schedule.every((s) => s.next >= plan.durationMs)) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, Math.min(...schedule.map((s) => s.next)) - elapsed)));
    };
    tick();
  });
  await Promise.all(inFlight);
  return { rest: summarize(rest), send: summarize(send), all: summarize(all), failed, errors };
}
