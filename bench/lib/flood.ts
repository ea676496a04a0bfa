// The coordinator's handle on a flooding user (flood-process.ts, forked):
// prepare its sockets, start a flood, stop it and read what it got.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FloodPlan {
  mode: 'sync' | 'rest';
  url: string;
  token: string;
  /** Chats the REST flood sends to. */
  chatIds: string[];
  /** Sockets for the sync flood (a user may hold SOCKET_MAX_PER_USER). */
  sockets: number;
  /** Requests kept outstanding: per socket for sync, in all for REST. */
  inFlight: number;
}

export interface FloodResult {
  kind: 'flooded';
  /** Answered with data (2xx, or an ok ack). */
  accepted: number;
  /** Answered 429 / RATE_LIMITED. */
  refused: number;
  /** Anything else: other errors, timeouts, resets. */
  failed: number;
  errors: string[];
}

export type ToFlood = { kind: 'prepare'; plan: FloodPlan } | { kind: 'start'; plan: FloodPlan } | { kind: 'stop' } | { kind: 'close' };
export type FromFlood = { kind: 'ready'; error?: string } | FloodResult | { kind: 'closed' };

const PROCESS = fileURLToPath(new URL('./flood-process.ts', import.meta.url));

export class Flooder {
  private readonly child: ChildProcess;
  private waiting: ((message: FromFlood) => void) | undefined;

  constructor() {
    this.child = fork(PROCESS, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromFlood) => {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.(message);
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private ask<K extends FromFlood['kind']>(message: ToFlood, timeoutMs: number): Promise<Extract<FromFlood, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`flooder did not answer ${message.kind} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (answer) => {
        clearTimeout(timer);
        resolve(answer as Extract<FromFlood, { kind: K }>);
      };
      this.child.send(message);
    });
  }

  /** Opens the sync flood's sockets ahead of the window. */
  async prepare(plan: FloodPlan): Promise<void> {
    const answer = await this.ask<'ready'>({ kind: 'prepare', plan }, 60_000);
    if (answer.error) throw new Error(`flooder could not connect: ${answer.error}`);
  }

  start(plan: FloodPlan): void {
    this.child.send({ kind: 'start', plan } satisfies ToFlood);
  }

  stop(): Promise<FloodResult> {
    return this.ask<'flooded'>({ kind: 'stop' }, 30_000);
  }

  async close(): Promise<void> {
    await this.ask<'closed'>({ kind: 'close' }, 15_000).catch(() => undefined);
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }
}
