// The admin analytics endpoint, for the OpenAPI document (lib/openapi.ts).
import { z } from 'zod';
import type { ApiOperation } from '../http/api-operation';
import { ANALYTICS_METRICS, analyticsQuerySchema } from '../validations/analytics';
import type { AnalyticsSeriesDto } from './get-analytics';

const series = z.object({
  metric: z.enum(ANALYTICS_METRICS),
  unit: z.enum(['people', 'messages', 'chats', 'seconds', 'percent', 'per_1000_messages', 'milliseconds']),
  bucket: z.enum(['day', 'week']),
  from: z.string().describe('The first day covered (a Monday for weeks).'),
  to: z.string().describe('The last day covered (a Sunday for weeks).'),
  minPeople: z
    .number()
    .int()
    .describe('Buckets resting on fewer people than this (but some) are suppressed.'),
  upTo: z.iso
    .datetime()
    .nullable()
    .describe(
      'Everything made before this time is counted (the rollup runs every ANALYTICS_ROLLUP_SECONDS and waits a minute for late commits).',
    ),
  points: z.array(
    z.object({
      start: z.string().describe('The bucket’s first day, YYYY-MM-DD (UTC).'),
      value: z
        .number()
        .nullable()
        .describe(
          'null when suppressed, or when there is nothing to measure (no replies, messages or sends).',
        ),
      suppressed: z.boolean(),
    }),
  ),
});

export const analyticsApiSchemas = { AnalyticsSeries: series };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: Same<z.infer<typeof series>, AnalyticsSeriesDto> = true;
void typesMatch;

export const analyticsOperations: Array<ApiOperation<keyof typeof analyticsApiSchemas>> = [
  {
    method: 'get',
    path: '/api/v1/admin/analytics',
    tag: 'Moderation',
    budget: 'read',
    summary: 'One dashboard metric over a range of days or weeks',
    description: [
      'Admins only; anyone else (moderators too) gets 404 NOT_FOUND, as if it were not there.',
      'Metrics: active_people (distinct people who used the app or sent a message: per day, or per week with bucket=week); messages (sent, notices excluded); new_chats; first_reply_median (seconds from a direct chat’s first message to the other person’s first message, over the direct chats created in the bucket that got one); chats_reaching_10 (percent of the chats created in the bucket with 10 messages or more so far); reports_per_1000_messages; send_latency_p50 and send_latency_p95 (milliseconds from receiving a socket send_message to its ack, all processes).',
      'Read from rollup tables the server keeps from new rows, never from the message table. Days are UTC; at most 366 days a request.',
      'A bucket whose figure rests on 1 to 4 people is suppressed (value null, suppressed true): for active_people the people themselves, for messages, reports per 1,000 messages and send latency the senders, for new_chats and chats_reaching_10 the chats’ creators, for first_reply_median the people who replied.',
    ].join(' '),
    query: analyticsQuerySchema,
    responses: [[200, 'The figure per bucket, oldest first.', 'AnalyticsSeries']],
    errors: ['NOT_FOUND'],
  },
];
