// Which users have a visible, focused tab of the app connected right now:
// they see new messages as they arrive, so they get no push. Each tab
// reports its state over its socket (lib/realtime/handlers/visibility.ts).
// With Redis the state is shared by every process, each socket an entry with
// an expiry its process refreshes, so a process that dies stops suppressing
// pushes on its own.
import type { RedisClient } from '../redis';

export interface FocusStore {
  /** Records whether the socket's tab is visible and focused. */
  set(userId: string, socketId: string, active: boolean): Promise<void>;
  activeAmong(userIds: readonly string[]): Promise<Set<string>>;
  stop(): void;
}

export function memoryFocusStore(): FocusStore {
  const active = new Map<string, Set<string>>();
  return {
    async set(userId, socketId, on) {
      const sockets = active.get(userId) ?? new Set();
      if (on) sockets.add(socketId);
      else sockets.delete(socketId);
      if (sockets.size > 0) active.set(userId, sockets);
      else active.delete(userId);
    },
    async activeAmong(userIds) {
      return new Set(userIds.filter((id) => active.has(id)));
    },
    stop() {},
  };
}

export function redisFocusStore(redis: RedisClient, options: { prefix: string; ttlMs: number }): FocusStore {
  const key = (userId: string) => `${options.prefix}push:focus:${userId}`;
  // This process's active sockets, refreshed by the heartbeat.
  const mine = new Map<string, string>();
  const beat = setInterval(
    () => {
      if (mine.size === 0) return;
      const expiry = Date.now() + options.ttlMs;
      const batch = redis.pipeline();
      for (const [socketId, userId] of mine)
        batch.zadd(key(userId), expiry, socketId).pexpire(key(userId), options.ttlMs);
      batch.exec().catch(() => undefined);
    },
    Math.ceil(options.ttlMs / 3),
  );
  beat.unref();
  return {
    async set(userId, socketId, on) {
      if (on) {
        mine.set(socketId, userId);
        await redis
          .multi()
          .zadd(key(userId), Date.now() + options.ttlMs, socketId)
          .pexpire(key(userId), options.ttlMs)
          .exec();
      } else {
        mine.delete(socketId);
        await redis.zrem(key(userId), socketId);
      }
    },
    async activeAmong(userIds) {
      if (userIds.length === 0) return new Set();
      const now = `(${Date.now()}`;
      const batch = redis.pipeline();
      for (const id of userIds) batch.zcount(key(id), now, '+inf');
      const replies = (await batch.exec()) ?? [];
      return new Set(userIds.filter((_, i) => Number(replies[i]?.[1] ?? 0) > 0));
    },
    stop() {
      clearInterval(beat);
    },
  };
}
