// Reports and moderation input schemas, written once: REST route handlers,
// the web app's forms and the OpenAPI document all use these. Bodies are
// strict: a field the endpoint does not know is refused (400), not dropped.
import { z } from 'zod';
import { idSchema, pageQuerySchema } from './chat';
import { text, timestamp } from './input';

export const REPORT_CATEGORIES = [
  'spam',
  'harassment',
  'hate',
  'sexual_content',
  'underage',
  'threat_of_harm',
  'scam',
  'other',
] as const;

export const MODERATION_ACTIONS = ['dismiss', 'warn', 'delete_messages', 'mute', 'suspend', 'ban'] as const;

/** The actions that last until a given time. */
export const TIMED_ACTIONS: ReadonlySet<string> = new Set(['mute', 'suspend']);

/** How many messages one report may name. */
export const REPORT_MAX_MESSAGES = 20;

export const reportCategorySchema = z.enum(REPORT_CATEGORIES, {
  error: `category must be one of: ${REPORT_CATEGORIES.join(', ')}.`,
});

export const fileReportSchema = z
  .strictObject({
    userId: idSchema,
    chatId: idSchema.optional(),
    messageIds: z
      .array(idSchema)
      .min(1, 'Name at least one message, or leave messageIds out.')
      .max(REPORT_MAX_MESSAGES, `A report names at most ${REPORT_MAX_MESSAGES} messages.`)
      .optional(),
    category: reportCategorySchema,
    note: text().trim().max(1000, 'Use at most 1000 characters for the note.').optional(),
    alsoBlock: z.boolean().optional(),
  })
  .refine((r) => r.messageIds === undefined || r.chatId !== undefined, {
    path: ['chatId'],
    message: 'Name the chat the messages are in.',
  });

export const decisionSchema = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS, { error: `action must be one of: ${MODERATION_ACTIONS.join(', ')}.` }),
    until: timestamp.optional(),
    reason: text().trim().min(1, 'Give a reason.').max(500, 'Use at most 500 characters for the reason.'),
  })
  .superRefine((d, ctx) => {
    const timed = TIMED_ACTIONS.has(d.action);
    if (timed && d.until === undefined) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: `A ${d.action} needs an end time.` });
    }
    if (!timed && d.until !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: 'Only a mute or a suspension takes an end time.',
      });
    }
  });

export const liftSanctionsSchema = z.strictObject({
  reason: text().trim().min(1, 'Give a reason.').max(500, 'Use at most 500 characters for the reason.'),
});

export const grantModeratorSchema = z.strictObject({ userId: idSchema });

export const reportQueueQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(['open', 'dismissed', 'actioned', 'all'], {
      error: 'status must be open, dismissed, actioned or all.',
    })
    .optional(),
});

export type FileReportInput = z.infer<typeof fileReportSchema>;
export type DecisionInput = z.infer<typeof decisionSchema>;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];
