// The coordinator's side of the load generator: forks worker processes,
// hands each its clients, and merges what they measured.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mergeEncoded, summarize, type LatencySummary, newHistogram, recordMs } from './histogram';
import type { ClientSpec, ConnectResult, FromWorker, RunResult, SendPlan, ToWorker } from './protocol';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

class Worker {
  private readonly child: ChildProcess;
  private waiting: ((message: FromWorker) => void) | undefined;

  constructor() {
    this.child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromWorker) => {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.(message);
    });
  }

  ask<K extends FromWorker['kind']>(message: ToWorker, timeoutMs: number): Promise<Extract<FromWorker, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not answer ${message.kind} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (answer) => {
        clearTimeout(timer);
        resolve(answer as Extract<FromWorker, { kind: K }>);
      };
      this.child.send(message);
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}

export interface TrafficResult {
  sentOk: number;
  sentFailed: number;
  unacked: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  lagMaxMs: number;
  ack: LatencySummary;
  delivery: LatencySummary;
  /** Per message, the latency to its last recipient (only when asked). */
  lastRecipient?: LatencySummary;
  errors: string[];
}

/** A set of connected clients spread over worker processes. Client i lives in worker placement[i]. */
export class ClientPool {
  private readonly workers: Worker[];
  private readonly local: number[][] = [];

  constructor(workerCount: number) {
    this.workers = Array.from({ length: workerCount }, () => new Worker());
  }

  /** Connects every client; `placement(i)` picks its worker so a sender and its receivers can share a process. */
  async connect(
    url: string,
    clients: ClientSpec[],
    placement: (i: number) => number = (i) => i % this.workers.length,
  ): Promise<{ connected: number; failed: number; ms: number; errors: string[] }> {
    const specs: ClientSpec[][] = this.workers.map(() => []);
    this.local.length = 0;
    this.workers.forEach(() => this.local.push([]));
    clients.forEach((client, i) => {
      const w = placement(i) % this.workers.length;
      (this.local[w] as number[])[i] = (specs[w] as ClientSpec[]).length;
      (specs[w] as ClientSpec[]).push(client);
    });
    const started = performance.now();
    const answers = await Promise.all(
      this.workers.map((w, i) =>
        w.ask<'connected'>({ kind: 'connect', url, clients: specs[i] as ClientSpec[], concurrency: 50 }, 300_000),
      ),
    );
    return {
      connected: answers.reduce((n, a: ConnectResult) => n + a.connected, 0),
      failed: answers.reduce((n, a) => n + a.failed, 0),
      ms: performance.now() - started,
      errors: answers.flatMap((a) => a.errors),
    };
  }

  /**
   * Sends at `ratePerSec` in total for `durationMs`, open loop.
   * `senders` name global client indexes; `members(chatId)` is how many
   * sockets should receive each message of that chat (the sender excluded).
   */
  async traffic(options: {
    tag: string;
    senders: Array<{ client: number; chatId: string }>;
    ratePerSec: number;
    durationMs: number;
    drainMs: number;
    recipients: (chatId: string) => number;
    perMessage?: boolean;
    /** A short unmeasured run first, so JIT and pool warm-up do not land in the figures. */
    warmupMs?: number;
  }): Promise<TrafficResult> {
    const warmupMs = options.warmupMs ?? 1000;
    if (warmupMs > 0) {
      await this.traffic({ ...options, tag: `${options.tag}w`, durationMs: warmupMs, drainMs: 1000, warmupMs: 0 });
    }
    const perWorker: SendPlan[][] = this.workers.map(() => []);
    for (const s of options.senders) {
      const w = this.local.findIndex((m) => m[s.client] !== undefined);
      (perWorker[w] as SendPlan[]).push({ client: (this.local[w] as number[])[s.client] as number, chatId: s.chatId });
    }
    const totalSenders = options.senders.length;
    const answers = await Promise.all(
      this.workers.map((w, i) => {
        const mine = perWorker[i] as SendPlan[];
        return w.ask<'ran'>(
          {
            kind: 'run',
            tag: options.tag,
            senders: mine,
            ratePerSec: (options.ratePerSec * mine.length) / Math.max(1, totalSenders),
            durationMs: options.durationMs,
            drainMs: options.drainMs,
            perMessage: options.perMessage ?? false,
          },
          options.durationMs + options.drainMs + 60_000,
        );
      }),
    );
    return merge(answers, options.recipients, options.perMessage ?? false);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask<'closed'>({ kind: 'close' }, 30_000).catch(() => undefined)));
    for (const w of this.workers) w.kill();
  }
}

function merge(answers: RunResult[], recipients: (chatId: string) => number, perMessage: boolean): TrafficResult {
  const sum = (f: (a: RunResult) => number) => answers.reduce((n, a) => n + f(a), 0);
  const sentByChat = new Map<string, number>();
  let delivered = 0;
  for (const a of answers) {
    for (const [chat, n] of Object.entries(a.sentByChat)) sentByChat.set(chat, (sentByChat.get(chat) ?? 0) + n);
    for (const n of Object.values(a.uniqueByChat)) delivered += n;
  }
  let expected = 0;
  for (const [chat, n] of sentByChat) expected += n * recipients(chat);
  const result: TrafficResult = {
    sentOk: sum((a) => a.sentOk),
    sentFailed: sum((a) => a.sentFailed),
    unacked: sum((a) => a.unacked),
    expected,
    delivered,
    lost: Math.max(0, expected - delivered),
    duplicates: sum((a) => a.duplicates),
    lagMaxMs: Math.max(...answers.map((a) => a.lagMaxMs)),
    ack: summarize(mergeEncoded(answers.map((a) => a.ackHist))),
    delivery: summarize(mergeEncoded(answers.map((a) => a.deliveryHist))),
    errors: answers.flatMap((a) => a.errors).slice(0, 5),
  };
  if (perMessage) {
    const last = new Map<string, number>();
    for (const a of answers) {
      for (const [k, ms] of Object.entries(a.lastArrival)) last.set(k, Math.max(last.get(k) ?? 0, ms));
    }
    const h = newHistogram();
    for (const ms of last.values()) recordMs(h, ms);
    result.lastRecipient = summarize(h);
  }
  return result;
}
