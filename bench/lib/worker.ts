// One load-generator process: holds socket.io clients, sends on a wall-clock
// schedule (never waiting for acks) and records what its clients receive.
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { encode, newHistogram, nowMs, recordMs } from './histogram';
import type { ClientSpec, FromWorker, RunResult, SendPlan, ToWorker } from './protocol';

interface Received {
  chatId: string;
  content: string;
}

let sockets: Socket[] = [];
let current: Recorder | undefined;

class Recorder {
  readonly deliveries = newHistogram();
  readonly seen = new Set<string>();
  readonly uniqueByChat: Record<string, number> = {};
  readonly lastArrival: Record<string, number> = {};
  duplicates = 0;
  /** nowMs() of the latest delivery of this run. */
  lastReceivedAt = 0;

  constructor(
    readonly tag: string,
    readonly perMessage: boolean,
  ) {}

  receive(client: number, message: Received): void {
    // content: "t=<epoch ms> r=<run tag> k=<message key>"
    const [t, r, k] = message.content.split(' ');
    if (r !== `r=${this.tag}` || !t || !k) return;
    this.lastReceivedAt = nowMs();
    const latency = this.lastReceivedAt - Number(t.slice(2));
    const id = `${client}|${k}`;
    if (this.seen.has(id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(id);
    this.uniqueByChat[message.chatId] = (this.uniqueByChat[message.chatId] ?? 0) + 1;
    recordMs(this.deliveries, latency);
    if (this.perMessage) this.lastArrival[k] = Math.max(this.lastArrival[k] ?? 0, latency);
  }
}

function send(message: FromWorker): void {
  process.send?.(message);
}

async function connectAll(url: string, clients: ClientSpec[], concurrency: number): Promise<void> {
  const started = performance.now();
  const errors: string[] = [];
  let next = 0;
  let failed = 0;
  sockets = new Array<Socket>(clients.length);
  const one = (index: number, spec: ClientSpec) =>
    new Promise<void>((resolve) => {
      const socket = io(spec.url ?? url, {
        auth: spec.token ? { token: spec.token } : { rooms: spec.rooms ?? [] },
        transports: ['websocket'],
        reconnection: false,
        timeout: 20_000,
      });
      sockets[index] = socket;
      socket.on('message_received', (m: Received) => current?.receive(index, m));
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        failed++;
        if (errors.length < 5) errors.push(error.message);
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: Math.min(concurrency, clients.length) }, async () => {
      while (next < clients.length) {
        const index = next++;
        await one(index, clients[index] as ClientSpec);
      }
    }),
  );
  send({
    kind: 'connected',
    connected: clients.length - failed,
    failed,
    errors,
    ms: performance.now() - started,
  });
}

async function run(plan: Extract<ToWorker, { kind: 'run' }>): Promise<void> {
  const recorder = new Recorder(plan.tag, plan.perMessage);
  current = recorder;
  const acks = newHistogram();
  const sentByChat: Record<string, number> = {};
  const errors: string[] = [];
  let sentOk = 0;
  let sentFailed = 0;
  let pending = 0;
  let lagMaxMs = 0;
  const total = plan.senders.length === 0 ? 0 : Math.floor((plan.ratePerSec * plan.durationMs) / 1000);
  const interval = 1000 / plan.ratePerSec;
  const start = nowMs() + 20;
  let k = 0;

  const emitOne = (index: number, due: number) => {
    const sender = plan.senders[index % plan.senders.length] as SendPlan;
    const socket = sockets[sender.client];
    if (!socket?.connected) {
      sentFailed++;
      return;
    }
    const key = `${process.pid}.${index}`;
    pending++;
    // The intended send time, not the actual one: a late sender still counts its lateness.
    socket.emit(
      'send_message',
      { chatId: sender.chatId, content: `t=${due} r=${plan.tag} k=${key}`, clientMessageId: `${plan.tag}-${key}` },
      (answer: { ok: boolean; error?: { code: string } }) => {
        pending--;
        recordMs(acks, nowMs() - due);
        if (answer.ok) {
          sentOk++;
          sentByChat[sender.chatId] = (sentByChat[sender.chatId] ?? 0) + 1;
        } else {
          sentFailed++;
          if (errors.length < 5) errors.push(answer.error?.code ?? 'unknown');
        }
      },
    );
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      while (k < total && start + k * interval <= now) {
        const due = start + k * interval;
        lagMaxMs = Math.max(lagMaxMs, now - due);
        emitOne(k, due);
        k++;
      }
      if (k >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + k * interval - nowMs())));
    };
    tick();
  });
  // Receivers keep recording for the whole window, even in a worker that sends nothing.
  await sleep(Math.max(0, start + plan.durationMs - nowMs()));
  // Drain: wait for acks and deliveries, bounded.
  const drainUntil = nowMs() + plan.drainMs;
  while (nowMs() < drainUntil && pending > 0) await sleep(50);
  // Then deliveries, until a second passes with none (bounded by drainMs
  // again): a late delivery counts, with its latency; only what never comes is lost.
  const quiet = Math.min(1000, plan.drainMs);
  const deliveriesUntil = nowMs() + plan.drainMs;
  await sleep(quiet);
  while (nowMs() < deliveriesUntil && nowMs() - recorder.lastReceivedAt < quiet) await sleep(50);
  current = undefined;
  const result: RunResult = {
    kind: 'ran',
    sentOk,
    sentFailed,
    unacked: pending,
    lagMaxMs: Math.round(lagMaxMs),
    ackHist: encode(acks),
    deliveryHist: encode(recorder.deliveries),
    sentByChat,
    uniqueByChat: recorder.uniqueByChat,
    duplicates: recorder.duplicates,
    lastArrival: recorder.lastArrival,
    errors,
  };
  send(result);
}

process.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'connect':
      void connectAll(message.url, message.clients, message.concurrency);
      break;
    case 'run':
      void run(message);
      break;
    case 'close':
      for (const socket of sockets) socket?.disconnect();
      sockets = [];
      send({ kind: 'closed' });
      break;
  }
});
// Never outlive the coordinator.
process.on('disconnect', () => process.exit(0));
