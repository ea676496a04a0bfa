// One metric of the admin dashboard over a range of days or weeks, read
// from the rollup tables only (rollup.ts keeps them): a page load never
// scans the message table. A bucket whose figure rests on fewer than
// MIN_PEOPLE people (but some) is suppressed, so nobody can be singled out.
import { sql, type Sql } from '../chat/store/sql';
import { db } from '../db';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import { assertStaff, type Staff } from '../users/platform-role';
import { ANALYTICS_MAX_DAYS, type AnalyticsMetric, type AnalyticsQuery } from '../validations/analytics';
import { quantileOf } from './send-latency';

/** Buckets resting on fewer people than this are suppressed. */
export const MIN_PEOPLE = 5;

export type AnalyticsUnit =
  'people' | 'messages' | 'chats' | 'seconds' | 'percent' | 'per_1000_messages' | 'milliseconds';

export interface AnalyticsPointDto {
  /** The bucket's first day (a Monday for weeks). */
  start: string;
  /** null when suppressed, or when there is nothing to measure (no replies, no messages, no sends). */
  value: number | null;
  suppressed: boolean;
}

export interface AnalyticsSeriesDto {
  metric: AnalyticsMetric;
  unit: AnalyticsUnit;
  bucket: 'day' | 'week';
  from: string;
  to: string;
  minPeople: number;
  /** Rows made before this time are counted; null before the first rollup. */
  upTo: string | null;
  points: AnalyticsPointDto[];
}

/** A rollup row of alias `x` inside bucket `b`. */
const range = {
  a: sql`a.day >= b.start AND a.day < b.stop`,
  c: sql`c.day >= b.start AND c.day < b.stop`,
  d: sql`d.day >= b.start AND d.day < b.stop`,
  l: sql`l.day >= b.start AND l.day < b.stop`,
} as const;
const SENDERS = sql`(SELECT count(DISTINCT a."userId") FROM "AnalyticsActivity" a WHERE ${range.a} AND a.sent)`;
const CHATS = sql`FROM "AnalyticsChat" c WHERE ${range.c}`;
const REPLIED = sql`FROM "AnalyticsChat" c WHERE ${range.c} AND c.type = 'DIRECT' AND c."replyAt" IS NOT NULL`;
const DAYS = sql`FROM "AnalyticsDay" d WHERE ${range.d}`;

/**
 * Each metric's figure per bucket and the people it rests on: the active
 * people themselves; the senders for messages, reports per 1,000 messages
 * and send latency; the chats' creators for new chats and the 10-message
 * share; the people who replied for the median time to a first reply.
 */
const SERIES: Record<AnalyticsMetric, { unit: AnalyticsUnit; value: Sql; people: Sql }> = {
  active_people: {
    unit: 'people',
    value: sql`(SELECT count(DISTINCT a."userId") FROM "AnalyticsActivity" a WHERE ${range.a})`,
    people: sql`(SELECT count(DISTINCT a."userId") FROM "AnalyticsActivity" a WHERE ${range.a})`,
  },
  messages: { unit: 'messages', value: sql`(SELECT coalesce(sum(d.messages), 0) ${DAYS})`, people: SENDERS },
  new_chats: {
    unit: 'chats',
    value: sql`(SELECT count(*) ${CHATS})`,
    people: sql`(SELECT count(DISTINCT c."createdById") ${CHATS})`,
  },
  first_reply_median: {
    unit: 'seconds',
    value: sql`(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c."replyAt" - c."firstAt")) ${REPLIED})`,
    people: sql`(SELECT count(DISTINCT c."replierId") ${REPLIED})`,
  },
  chats_reaching_10: {
    unit: 'percent',
    value: sql`(SELECT 100.0 * count(*) FILTER (WHERE c.messages >= 10) / nullif(count(*), 0) ${CHATS})`,
    people: sql`(SELECT count(DISTINCT c."createdById") ${CHATS})`,
  },
  reports_per_1000_messages: {
    unit: 'per_1000_messages',
    value: sql`(SELECT 1000.0 * sum(d.reports) / nullif(sum(d.messages), 0) ${DAYS})`,
    people: SENDERS,
  },
  // The value column is unused for latency: the histogram is read apart.
  send_latency_p50: { unit: 'milliseconds', value: sql`NULL`, people: SENDERS },
  send_latency_p95: { unit: 'milliseconds', value: sql`NULL`, people: SENDERS },
};

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** The range asked for, defaulted and, for weeks, widened to whole ISO weeks. */
export function analyticsRange(
  { from, to, bucket = 'day' }: Omit<AnalyticsQuery, 'metric'>,
  now = Date.now(),
) {
  let end = to === undefined ? dayMs(isoDay(now)) : dayMs(to);
  let start = from === undefined ? end - 29 * DAY_MS : dayMs(from);
  if (start > end) throw new AppError('VALIDATION', 'from: from must not be after to.');
  if ((end - start) / DAY_MS + 1 > ANALYTICS_MAX_DAYS) {
    throw new AppError('VALIDATION', `from: Choose a range of at most ${ANALYTICS_MAX_DAYS} days.`);
  }
  if (bucket === 'week') {
    // Days since Monday; 1970-01-01 was a Thursday.
    const weekday = (ms: number) => (ms / DAY_MS + 3) % 7;
    start -= weekday(start) * DAY_MS;
    end += (6 - weekday(end)) * DAY_MS;
  }
  return { from: isoDay(start), to: isoDay(end), bucket };
}

export async function getAnalytics({
  actor,
  query,
}: {
  actor: Staff;
  query: AnalyticsQuery;
}): Promise<AnalyticsSeriesDto> {
  await assertStaff(actor, 'ADMIN');
  await spend(actor.id, 'read', COST.read);
  const { metric } = query;
  const { from, to, bucket } = analyticsRange(query);
  const series = SERIES[metric];
  const step = bucket === 'week' ? 7 : 1;
  const buckets = sql`
    SELECT s::date AS start, (s::date + ${step}::int) AS stop
    FROM generate_series(${from}::date, ${to}::date, make_interval(days => ${step}::int)) s`;
  const rows = await db().$queryRaw<Array<{ start: string; value: number | null; people: number }>>`
    WITH b AS (${buckets})
    SELECT b.start::text AS start, ${series.value}::float8 AS value, ${series.people}::int AS people
    FROM b ORDER BY b.start`;
  const latency = metric === 'send_latency_p50' || metric === 'send_latency_p95';
  const histograms = latency ? await latencyHistograms(buckets) : undefined;
  const [mark] = await db().$queryRaw<Array<{ rolledAt: Date | null }>>`
    SELECT "rolledAt" FROM "AnalyticsRollup" WHERE id = 1`;
  return {
    metric,
    unit: series.unit,
    bucket,
    from,
    to,
    minPeople: MIN_PEOPLE,
    upTo: mark?.rolledAt ? mark.rolledAt.toISOString() : null,
    points: rows.map(({ start, value, people }) => {
      const suppressed = people > 0 && people < MIN_PEOPLE;
      const figure = histograms
        ? quantileOf(histograms.get(start) ?? [], metric === 'send_latency_p50' ? 0.5 : 0.95)
        : value;
      return { start, value: suppressed ? null : round(figure), suppressed };
    }),
  };
}

/** Each bucket's send-latency histogram, summed over its days. */
async function latencyHistograms(buckets: Sql): Promise<Map<string, number[]>> {
  const rows = await db().$queryRaw<Array<{ start: string; bucket: number; count: number }>>`
    WITH b AS (${buckets})
    SELECT b.start::text AS start, l.bucket, sum(l.count)::float8 AS count
    FROM b JOIN "AnalyticsSendLatency" l ON ${range.l}
    GROUP BY 1, 2`;
  const byStart = new Map<string, number[]>();
  for (const { start, bucket, count } of rows) {
    const counts = byStart.get(start) ?? [];
    counts[bucket] = count;
    byStart.set(start, counts);
  }
  for (const counts of byStart.values()) for (let i = 0; i < counts.length; i++) counts[i] ??= 0;
  return byStart;
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}
