// The push queue shared by every process through Redis: one stream read by
// a consumer group, so each job goes to exactly one process; a job is
// acknowledged and deleted once handled. Jobs a crashed process had taken are
// claimed by another after a minute. Retries wait in a sorted set until due.
// Fan-outs add their deliveries with a `once` key (SET NX), so a fan-out
// handled twice, after such a claim, sends nothing twice.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisClient } from '../../redis';
import { ONCE_TTL_SECONDS, type PushJob, type PushQueue } from './types';

const GROUP = 'push';
const BLOCK_MS = 1000;
const PROMOTE_EVERY_MS = 250;
const CLAIM_EVERY_MS = 15_000;
/** A job taken this long ago and not acknowledged belongs to a process that died (or hangs). */
const CLAIM_IDLE_MS = 60_000;

// KEYS: stream, once, delayed. ARGV: job, once TTL (0: no key), due time (0: now).
const ADD = `
if ARGV[2] ~= '0' then
  if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return 0 end
end
if ARGV[3] ~= '0' then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
else
  redis.call('XADD', KEYS[1], '*', 'job', ARGV[1])
end
return 1`;

// KEYS: delayed, stream. ARGV: now. Moves due jobs into the stream, each once.
const PROMOTE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  redis.call('XADD', KEYS[2], '*', 'job', member)
end
return #due`;

type Entry = [id: string, fields: string[]];

export function redisPushQueue(redis: RedisClient, options: { prefix: string }, log: Logger): PushQueue {
  const stream = `${options.prefix}push:jobs`;
  const delayed = `${options.prefix}push:delayed`;
  const onceKey = (key: string) => `${options.prefix}push:once:${key}`;
  const consumer = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let loop: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];
  let reader: RedisClient | undefined;

  const ensureGroup = async () => {
    try {
      await redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err;
    }
  };

  const run = (handler: (job: PushJob) => Promise<void>, [id, fields]: Entry) => {
    const raw = fields[fields.indexOf('job') + 1];
    const work = (async () => {
      try {
        const { job } = JSON.parse(raw ?? 'null') as { job: PushJob };
        await handler(job);
      } catch (err) {
        // Cut short by a stop: left unacknowledged, so another process claims it.
        if (stopped) return;
        log.error({ err }, 'push job failed');
      }
      await redis.multi().xack(stream, GROUP, id).xdel(stream, id).exec();
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const slotFree = async (concurrency: number) => {
    while (!stopped && running.size >= concurrency) await Promise.race(running);
  };

  return {
    async add(job, addOptions = {}) {
      if (stopped) return false;
      const member = JSON.stringify({ job, n: randomBytes(6).toString('base64url') });
      const due = addOptions.delayMs && addOptions.delayMs > 0 ? Date.now() + addOptions.delayMs : 0;
      const once = addOptions.once ? onceKey(addOptions.once) : onceKey('-');
      const ttl = addOptions.once ? ONCE_TTL_SECONDS : 0;
      return (await redis.eval(ADD, 3, stream, once, delayed, member, ttl, due)) === 1;
    },

    consume(handler, concurrency) {
      const connection = (reader = redis.duplicate({ connectionName: 'chat-push' }));
      connection.on('error', () => {}); // the main client already reports outages
      timers.push(
        setInterval(() => {
          redis.eval(PROMOTE, 2, delayed, stream, Date.now()).catch(() => undefined);
        }, PROMOTE_EVERY_MS),
        setInterval(() => {
          if (running.size >= concurrency) return;
          redis
            .call(
              'XAUTOCLAIM',
              stream,
              GROUP,
              consumer,
              CLAIM_IDLE_MS,
              '0-0',
              'COUNT',
              concurrency - running.size,
            )
            .then((reply) => {
              for (const entry of ((reply as [string, Entry[]])[1] ?? []).filter(Boolean))
                run(handler, entry);
            })
            .catch(() => undefined);
        }, CLAIM_EVERY_MS),
      );
      for (const timer of timers) timer.unref();
      loop = (async () => {
        await ensureGroup().catch((err: unknown) => log.error({ err }, 'push queue: no consumer group'));
        while (!stopped) {
          await slotFree(concurrency);
          if (stopped) break;
          try {
            const reply = (await connection.call(
              'XREADGROUP',
              'GROUP',
              GROUP,
              consumer,
              'COUNT',
              concurrency - running.size,
              'BLOCK',
              BLOCK_MS,
              'STREAMS',
              stream,
              '>',
            )) as Array<[string, Entry[]]> | null;
            for (const entry of reply?.[0]?.[1] ?? []) run(handler, entry);
          } catch (err) {
            if (stopped) break;
            // The group went away with Redis's data (a restart without persistence): make it again.
            if (String(err).includes('NOGROUP')) await ensureGroup().catch(() => undefined);
            else log.warn({ err: String(err) }, 'push queue read failed; retrying');
            await new Promise((r) => setTimeout(r, 1000).unref());
          }
        }
      })();
    },

    async depth() {
      const [length, waiting] = (await redis.multi().xlen(stream).zcard(delayed).exec()) ?? [];
      return Number(length?.[1] ?? 0) + Number(waiting?.[1] ?? 0);
    },

    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      // Ends a blocked read at once, Redis reachable or not; what it had taken
      // and not started is claimed by another process later.
      reader?.disconnect();
      await loop;
      await Promise.allSettled(running);
    },
  };
}
