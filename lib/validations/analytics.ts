// The admin analytics query (GET /api/v1/admin/analytics), written once for
// the route, the dashboard and the OpenAPI document.
import { z } from 'zod';

export const ANALYTICS_METRICS = [
  'active_people',
  'messages',
  'new_chats',
  'first_reply_median',
  'chats_reaching_10',
  'reports_per_1000_messages',
  'send_latency_p50',
  'send_latency_p95',
] as const;

export type AnalyticsMetric = (typeof ANALYTICS_METRICS)[number];

/** The longest range one request may ask for, in days. */
export const ANALYTICS_MAX_DAYS = 366;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date like 2026-01-31 (UTC).')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00.000Z`);
    return (
      !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getUTCFullYear() >= 1970
    );
  }, 'Must be a real date, years 1970–9999.')
  .describe('A UTC date, YYYY-MM-DD.');

export const analyticsQuerySchema = z
  .object({
    metric: z
      .enum(ANALYTICS_METRICS, { error: `metric must be one of: ${ANALYTICS_METRICS.join(', ')}.` })
      .describe('The figure to chart.'),
    from: day.optional().describe('First day of the range (UTC, inclusive); 29 days before `to` by default.'),
    to: day.optional().describe('Last day of the range (UTC, inclusive); today by default.'),
    bucket: z
      .enum(['day', 'week'], { error: 'bucket must be day or week.' })
      .optional()
      .describe('day (default) or week: ISO weeks, Monday to Sunday, widening the range to whole weeks.'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['from'],
    message: 'from must not be after to.',
  });

export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;
