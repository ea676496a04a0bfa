// Messages between the coordinator (bench/run.ts) and its worker processes.

export interface ClientSpec {
  /** Ours: a bearer token. Bare: none, the rooms go in the handshake instead. */
  token?: string;
  rooms?: string[];
  /** The process to connect to, when not the pool's url. */
  url?: string;
}

export interface SendPlan {
  /** Index into this worker's clients. */
  client: number;
  chatId: string;
}

export type ToWorker =
  | { kind: 'connect'; url: string; clients: ClientSpec[]; concurrency: number }
  | {
      kind: 'run';
      tag: string;
      senders: SendPlan[];
      /** This worker's share of the total rate, messages per second. */
      ratePerSec: number;
      durationMs: number;
      drainMs: number;
      /** Keep the latest arrival per message (latency to the last recipient). */
      perMessage: boolean;
    }
  | { kind: 'close' };

export interface ConnectResult {
  kind: 'connected';
  connected: number;
  failed: number;
  errors: string[];
  ms: number;
}

export interface RunResult {
  kind: 'ran';
  sentOk: number;
  sentFailed: number;
  unacked: number;
  /** How far behind its wall-clock schedule the worker emitted, at worst. */
  lagMaxMs: number;
  ackHist: string;
  deliveryHist: string;
  sentByChat: Record<string, number>;
  uniqueByChat: Record<string, number>;
  duplicates: number;
  /** key → latest arrival latency in ms, when perMessage. */
  lastArrival: Record<string, number>;
  errors: string[];
}

export type FromWorker = ConnectResult | RunResult | { kind: 'closed' };
