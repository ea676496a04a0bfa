// Times every SQL statement the Prisma client sends through its driver
// adapter (pg or PGlite), for chat_db_query_duration_seconds. The wrappers
// are made once per connection or transaction, not per query.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { metrics, secondsSince } from './index';

export function timedAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = async () => timed(await factory.connect());
  return passThrough(factory, { connect } as Partial<F>);
}

function timed<Q extends SqlDriverAdapter | Transaction>(queryable: Q): Q {
  const histogram = metrics().dbQueryLatency;
  const own: Partial<SqlDriverAdapter> = {
    queryRaw: async (query: SqlQuery) => {
      const started = performance.now();
      try {
        return await queryable.queryRaw(query);
      } finally {
        histogram.observe(secondsSince(started));
      }
    },
    executeRaw: async (query: SqlQuery) => {
      const started = performance.now();
      try {
        return await queryable.executeRaw(query);
      } finally {
        histogram.observe(secondsSince(started));
      }
    },
  };
  if ('startTransaction' in queryable) {
    own.startTransaction = async (...args) => timed(await queryable.startTransaction(...args));
  }
  return passThrough(queryable as Q & SqlQueryable, own as Partial<Q>);
}

/** `target` with `own`'s members in place of its own; everything else reaches `target` itself. */
function passThrough<T extends object>(target: T, own: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (Object.hasOwn(own, key)) return own[key as keyof T];
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}
