// The process's Prometheus metrics (prom-client), served at GET /metrics
// (lib/metrics/http.ts). One registry per process, kept in the process's
// shared state: the socket handlers (server.ts's bundle) and route handlers
// (Next's bundle) write to the same one. Hot paths only inc() or observe()
// children made once; the gauges read their figures when scraped.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { processSlot } from '../process-state';

/** Where the gauges read their figures at scrape time; each is set by whoever owns the thing. */
export interface MetricSources {
  sockets?: () => number;
  pool?: () => { total: number; idle: number; waiting: number };
  pushQueue?: () => Promise<number>;
}

/** Seconds, from 1 ms to 10 s: sends, fan-outs and queries all fall in it. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type ErrorSource = 'socket' | 'http' | 'event';

function createMetrics() {
  const registry = new Registry();
  const sources: MetricSources = {};
  const registers = [registry];
  return {
    registry,
    sources,
    socketEvents: new Counter({
      name: 'chat_socket_events_total',
      help: 'Socket.IO events received from clients, by event name.',
      labelNames: ['event'] as const,
      registers,
    }),
    messagesSent: new Counter({
      name: 'chat_messages_sent_total',
      help: 'Messages stored (sent over a socket or REST, forwarded), counted once in the process that stored them.',
      registers,
    }),
    sendLatency: new Histogram({
      name: 'chat_send_latency_seconds',
      help: 'send_message over a socket, from receipt of the packet to its ack (stored or refused).',
      labelNames: ['outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    fanoutLatency: new Histogram({
      name: 'chat_fanout_latency_seconds',
      help: 'From a domain event being announced to its broadcast being handed to Socket.IO, by event type.',
      labelNames: ['event'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    dbQueryLatency: new Histogram({
      name: 'chat_db_query_duration_seconds',
      help: 'Time of each SQL statement the Prisma client runs, through its driver adapter.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'chat_errors_total',
      help: 'Unexpected failures: socket handlers (INTERNAL acks), HTTP 5xx answers, failed event subscribers.',
      labelNames: ['source'] as const,
      registers,
    }),
    sockets: new Gauge({
      name: 'chat_socket_connections',
      help: 'Socket.IO connections open on this process.',
      registers,
      collect() {
        this.set(sources.sockets?.() ?? 0);
      },
    }),
    pool: new Gauge({
      name: 'chat_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting: requests queued for one). Absent on PGlite.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const pool = sources.pool?.();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    }),
    pushQueue: new Gauge({
      name: 'chat_push_queue_jobs',
      help: 'Push jobs waiting, delayed or in progress (with Redis, for every process together). Absent while push is off.',
      registers,
      async collect() {
        const depth = await sources.pushQueue?.().catch(() => undefined);
        if (depth !== undefined) this.set(depth);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const slot = processSlot<Metrics>('metrics');
const defaults = processSlot<boolean>('defaultMetrics');

/** This process's metrics, made the first time anyone asks. */
export function metrics(): Metrics {
  return slot.use(createMetrics);
}

/** Adds Node's own metrics (CPU, memory, event loop lag, GC, handles), once per process; the server calls it at start. */
export function collectProcessMetrics(): void {
  defaults.use(() => {
    collectDefaultMetrics({ register: metrics().registry });
    return true;
  });
}

/** Seconds since `startedMs` (a performance.now() reading). */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}
