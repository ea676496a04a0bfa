'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalyticsSeriesDto } from '@/lib/analytics/get-analytics';
import { chatClient } from '@/lib/client/chat-client';
import type { AnalyticsMetric } from '@/lib/validations/analytics';
import { Empty, INPUT, LoadError, Loading } from './states';

type Bucket = 'day' | 'week';

interface Chart {
  metric: AnalyticsMetric;
  title: string;
  /** Shown after a value: " people", " s". */
  suffix: string;
  /** This chart's bucket whatever the picker says (daily and weekly active people). */
  bucket?: Bucket;
}

const CHARTS: Chart[] = [
  { metric: 'active_people', title: 'Daily active people', suffix: ' people', bucket: 'day' },
  { metric: 'active_people', title: 'Weekly active people', suffix: ' people', bucket: 'week' },
  { metric: 'messages', title: 'Messages', suffix: ' messages' },
  { metric: 'new_chats', title: 'New chats', suffix: ' chats' },
  { metric: 'first_reply_median', title: 'Median time to first reply (new direct chats)', suffix: ' s' },
  { metric: 'chats_reaching_10', title: 'New chats reaching 10 messages', suffix: ' %' },
  { metric: 'reports_per_1000_messages', title: 'Reports per 1,000 messages', suffix: '' },
  { metric: 'send_latency_p50', title: 'Send latency, median (p50)', suffix: ' ms' },
  { metric: 'send_latency_p95', title: 'Send latency, p95', suffix: ' ms' },
];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The admin dashboard: a date range, a bucket, and one chart per metric, each with a table. */
export function Analytics() {
  const [range, setRange] = useState(() => {
    const today = Date.parse(`${isoDay(Date.now())}T00:00:00.000Z`);
    return { from: isoDay(today - 29 * DAY_MS), to: isoDay(today), bucket: 'day' as Bucket };
  });
  const bucketId = useId();
  const invalid = range.from > range.to ? 'The start must not be after the end.' : null;
  return (
    <section aria-labelledby="analytics-heading" className="mx-auto w-full max-w-5xl p-3 md:p-4">
      <h1 id="analytics-heading" className="text-xl font-bold">
        Analytics
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Days are UTC. A bar resting on fewer than 5 people is suppressed, so nobody can be singled out.
      </p>
      <form
        aria-label="Date range"
        className="mt-3 flex flex-wrap items-end gap-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="flex flex-col text-sm font-medium">
          From
          <input
            type="date"
            className={INPUT}
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label className="flex flex-col text-sm font-medium">
          To
          <input
            type="date"
            className={INPUT}
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
        <div className="flex flex-col text-sm font-medium">
          {/* Not wrapped in the label: the options' text would join its name. */}
          <label htmlFor={bucketId}>Per</label>
          <select
            id={bucketId}
            className={INPUT}
            value={range.bucket}
            onChange={(e) => setRange({ ...range, bucket: e.target.value as Bucket })}
          >
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </div>
      </form>
      {invalid ? (
        <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-300">
          {invalid}
        </p>
      ) : (
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          {CHARTS.map((chart) => (
            <MetricChart
              key={chart.title}
              chart={chart}
              from={range.from}
              to={range.to}
              bucket={chart.bucket ?? range.bucket}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function MetricChart(props: { chart: Chart; from: string; to: string; bucket: Bucket }) {
  const { chart, from, to, bucket } = props;
  const headingId = useId();
  const series = useQuery({
    queryKey: ['admin', 'analytics', chart.metric, from, to, bucket],
    queryFn: async (): Promise<AnalyticsSeriesDto> =>
      unwrap(
        await chatClient().rest.GET('/api/v1/admin/analytics', {
          params: { query: { metric: chart.metric, from, to, bucket } },
        }),
      ),
  });
  const points = series.data?.points ?? [];
  const top = Math.max(1, ...points.map((p) => p.value ?? 0));
  // A suppressed bucket is drawn as a grey bar across the chart, labelled.
  const data = points.map((p) => ({
    start: p.start,
    value: p.value,
    suppressed: p.suppressed ? top : null,
  }));
  const anything = points.some((p) => p.value !== null || p.suppressed);
  return (
    <figure
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      data-metric={chart.metric}
    >
      <h2 id={headingId} className="font-semibold">
        {chart.title}
      </h2>
      {series.isPending && <Loading>Loading…</Loading>}
      {series.isError && (
        <LoadError
          error={series.error}
          what={chart.title.toLowerCase()}
          onRetry={() => void series.refetch()}
        />
      )}
      {series.isSuccess && !anything && <Empty>No data in this range.</Empty>}
      {series.isSuccess && anything && (
        <>
          {/* Hidden from assistive technology, so not focusable either: the table and the summary say the same. */}
          <div aria-hidden="true" className="h-56">
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 224 }}>
              <BarChart
                data={data}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="start" tick={{ fontSize: 11, fill: 'currentColor' }} minTickGap={16} />
                <YAxis
                  tick={{ fontSize: 11, fill: 'currentColor' }}
                  width={44}
                  allowDecimals={chart.suffix !== ' people'}
                />
                <Tooltip
                  formatter={(value, name) =>
                    name === 'suppressed'
                      ? ['fewer than 5 people', 'suppressed']
                      : [`${String(value)}${chart.suffix}`, chart.title]
                  }
                />
                <Bar dataKey="value" name={chart.title} fill="#1d4ed8" isAnimationActive={false} />
                <Bar dataKey="suppressed" name="suppressed" fill="#cbd5e1" isAnimationActive={false}>
                  <LabelList
                    dataKey="suppressed"
                    position="insideBottom"
                    angle={-90}
                    formatter={() => 'suppressed'}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer">Show as a table</summary>
            <table className="mt-2 w-full text-left">
              <caption className="sr-only">{chart.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{bucket === 'week' ? 'Week of' : 'Day'}</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.start}>
                    <td>{p.start}</td>
                    <td>
                      {p.suppressed ? 'suppressed' : p.value === null ? '–' : `${p.value}${chart.suffix}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <p className="sr-only">{summary(chart, points)}</p>
        </>
      )}
    </figure>
  );
}

/** The chart in words, for screen readers (the picture itself is hidden from them). */
function summary(chart: Chart, points: AnalyticsSeriesDto['points']): string {
  const shown = points.filter((p) => p.value !== null);
  const hidden = points.filter((p) => p.suppressed).length;
  const last = shown.at(-1);
  return [
    `${chart.title}: ${points.length} bars.`,
    last ? `Latest: ${last.value}${chart.suffix} (${last.start}).` : 'No values.',
    hidden > 0 ? `${hidden} suppressed.` : '',
  ].join(' ');
}
