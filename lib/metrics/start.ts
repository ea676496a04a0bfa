// Connects this process's metrics to what they count, at server start.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Env } from '../env';
import { subscribe } from '../events/bus';
import { pushRuntime } from '../push/runtime';
import type { ChatServer } from '../realtime/attach';
import { listenForMetrics } from './http';
import { collectProcessMetrics, metrics } from './index';

export async function startMetrics(io: ChatServer, env: Env, log: Logger): Promise<() => Promise<void>> {
  collectProcessMetrics();
  const { sources, messagesSent } = metrics();
  sources.sockets = () => io.of('/').sockets.size;
  sources.pushQueue = async () => {
    const push = pushRuntime();
    if (!push) throw new Error('push is off');
    return push.queue.depth();
  };
  // Counted where they are stored, whichever transport brought them.
  const unsubscribe = subscribe('metrics', (event) => {
    if (event.type === 'message.sent') messagesSent.inc();
  });
  let internal: Server | undefined;
  if (env.METRICS_PORT !== undefined)
    internal = await listenForMetrics(env.METRICS_PORT, env.METRICS_HOST, log);
  return async () => {
    unsubscribe();
    sources.sockets = sources.pushQueue = undefined;
    if (internal) await new Promise((resolve) => internal?.close(resolve));
  };
}
