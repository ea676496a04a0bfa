// How several processes share broadcasts through Redis (REDIS_ADAPTER).
//
// `sharded` (the default): Socket.IO's Redis adapter on Redis 7's sharded
// pub/sub, one channel per room ("dynamic" mode). A process subscribes to a
// room's channel while one of its sockets is in the room, so it receives
// only the broadcasts for rooms where it has someone: adding processes adds
// delivery capacity. Pub/sub keeps nothing, so a broadcast published while
// a process's subscriber connection is down never reaches it; when that
// connection comes back, the process drops its clients' connections, they
// reconnect and run `sync`, which fills whatever they missed from the
// database (the same catch-up every reconnect runs). The adapter keeps no
// sessions, so connection state recovery does not apply: every reconnect
// catches up with `sync`.
//
// `streams`: the Redis Streams adapter (the earlier default). Every process
// reads and decodes every broadcast of the deployment, whoever it is for;
// in exchange a reconnecting client can resume from the stream (connection
// state recovery) across processes. Kept for comparison (BENCHMARKS.md) and
// for deployments of two or three processes that want that recovery.
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import type { RedisClient } from '../redis';

export type RedisAdapterKind = 'sharded' | 'streams';

export interface RedisAdapter {
  adapter: NonNullable<ServerOptions['adapter']>;
  /** Calls `resync` each time broadcasts may have been lost (sharded: the subscriber reconnected). */
  onBroadcastsLost(resync: () => void): void;
  close(): Promise<void>;
}

export function createRedisAdapter(
  redis: RedisClient,
  options: { kind: RedisAdapterKind; prefix: string; streamMaxLen: number },
  log: Logger,
): RedisAdapter {
  const { kind, prefix } = options;
  if (kind === 'streams') {
    return {
      adapter: createStreamsAdapter(redis, {
        streamName: `${prefix}socket.io`,
        // The adapter's default, 10,000, lost live deliveries in the bench at
        // 3,000 messages/s: the reading process lagged by more than that.
        maxLen: options.streamMaxLen,
        channelPrefix: `${prefix}socket.io`,
        sessionKeyPrefix: `${prefix}sio:session:`,
      }),
      onBroadcastsLost: () => undefined,
      close: async () => undefined,
    };
  }

  // A subscribed connection can issue no other command: the adapter needs its own.
  const subscriber = redis.duplicate({ connectionName: 'chat-sub' });
  subscriber.on('error', () => undefined); // the main client already logs outages
  const listeners: Array<() => void> = [];
  let wasReady = false;
  let lost = false;
  subscriber.on('close', () => {
    if (wasReady) lost = true;
  });
  subscriber.on('ready', () => {
    // ioredis has re-sent every SSUBSCRIBE before this; what was published meanwhile is gone.
    if (lost) {
      log.warn('redis subscriber reconnected: clients of this process reconnect and sync');
      for (const resync of listeners) resync();
    }
    wasReady = true;
    lost = false;
  });
  return {
    adapter: createShardedAdapter(redis, subscriber, {
      channelPrefix: `${prefix}socket.io`,
      subscriptionMode: 'dynamic',
    }),
    onBroadcastsLost: (resync) => void listeners.push(resync),
    close: async () => {
      await Promise.race([
        subscriber.quit().catch(() => undefined),
        new Promise((r) => setTimeout(r, 1000).unref()),
      ]);
      subscriber.disconnect();
    },
  };
}
