// Presence shared by every process through Redis. A user's live sockets are
// a sorted set (socket id → expiry), refreshed by each process's heartbeat,
// so the sockets of a process that dies expire on their own. One more sorted
// set lists the users who are online or leaving (user id → deadline): when
// a deadline passes with no live socket left, one process claims the user
// and announces them offline, whether or not the leaving process survived.
import type { PresenceStatus } from '../chat/dto';
import type { RedisClient } from '../redis';
import type { PresenceStore } from './presence-store';

export interface RedisPresenceOptions {
  prefix: string;
  /** How long a socket counts as live without a heartbeat. */
  ttlMs: number;
  /** How long after the last socket closes the user is still online. */
  graceMs: number;
}

// KEYS: sockets, users. ARGV: now, expiry, socketId, userId, ttl.
// 1 when this is the user's first socket and they are not within a grace period.
const ADD = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local listed = redis.call('ZSCORE', KEYS[2], ARGV[4])
local added = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[4])
if added == 1 and redis.call('ZCARD', KEYS[1]) == 1 and not listed then return 1 end
return 0`;

// KEYS: sockets, users. ARGV: now, socketId, userId, leaveAt. Returns the live sockets left.
const REMOVE = `
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3]) end
return left`;

// KEYS: sockets, users. ARGV: now, userId. 1 for the one caller that takes the user offline.
const CLAIM = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
return redis.call('ZREM', KEYS[2], ARGV[2])`;

const STATUS_TTL_SECONDS = 24 * 60 * 60;

export function redisPresenceStore(redis: RedisClient, options: RedisPresenceOptions): PresenceStore {
  const users = `${options.prefix}presence:users`;
  const socketsKey = (userId: string) => `${options.prefix}presence:sockets:${userId}`;
  const statusKey = (userId: string) => `${options.prefix}presence:status:${userId}`;
  const live = async (userId: string) => redis.zcount(socketsKey(userId), `(${Date.now()}`, '+inf');

  return {
    async add(userId, socketId) {
      const now = Date.now();
      const args = [now, now + options.ttlMs, socketId, userId, options.ttlMs];
      return (await redis.eval(ADD, 2, socketsKey(userId), users, ...args)) === 1;
    },
    async remove(userId, socketId) {
      const now = Date.now();
      const args = [now, socketId, userId, now + options.graceMs];
      return Number(await redis.eval(REMOVE, 2, socketsKey(userId), users, ...args));
    },
    count: live,
    async onlineAmong(userIds) {
      const now = `(${Date.now()}`;
      const batch = redis.pipeline();
      for (const id of userIds) batch.zcount(socketsKey(id), now, '+inf').get(statusKey(id));
      const replies = (await batch.exec()) ?? [];
      // A user who chose to appear offline is not listed.
      return new Set(
        userIds.filter(
          (_, i) => Number(replies[2 * i]?.[1] ?? 0) > 0 && replies[2 * i + 1]?.[1] !== 'offline',
        ),
      );
    },
    async setStatus(userId, status) {
      await redis.set(statusKey(userId), status, 'EX', STATUS_TTL_SECONDS);
    },
    async status(userId) {
      if ((await live(userId)) === 0) return 'offline';
      return ((await redis.get(statusKey(userId))) as PresenceStatus | null) ?? 'online';
    },
    async claimOffline(userId) {
      return (await redis.eval(CLAIM, 2, socketsKey(userId), users, Date.now(), userId)) === 1;
    },
    async refresh(sockets) {
      if (sockets.length === 0) return;
      const expiry = Date.now() + options.ttlMs;
      const batch = redis.pipeline();
      for (const { userId, socketId } of sockets) {
        batch
          .zadd(socketsKey(userId), expiry, socketId)
          .pexpire(socketsKey(userId), options.ttlMs)
          .zadd(users, 'GT', expiry, userId);
      }
      await batch.exec();
    },
    async expired() {
      return redis.zrangebyscore(users, '-inf', Date.now(), 'LIMIT', 0, 100);
    },
  };
}
