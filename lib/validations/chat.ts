// Chat input schemas, written once: REST route handlers, socket handlers,
// the web app's forms and the OpenAPI document all use these.
// Limits come from the environment (lib/env.ts) and are applied by the
// services, so one configuration holds for every transport.
import { z } from 'zod';
import { queryInt4, storable, text } from './input';

export const idSchema = z.uuid({ error: 'Must be an id (UUID).' });

/** Message text; the upper bound is MESSAGE_MAX_LENGTH, checked by the service (413). */
export const contentSchema = text({ error: 'content must be text.' }).refine((s) => s.trim().length > 0, {
  message: 'A message cannot be empty.',
});

export const clientMessageIdSchema = z
  .string()
  .min(1)
  .max(64, 'clientMessageId must be at most 64 characters.')
  .regex(/^[\w.:-]+$/, 'clientMessageId may use letters, digits and . _ : - only.');

/** Links shown to other users: web addresses only, never javascript: or data:. */
export const webUrlSchema = storable(
  z
    .url({ protocol: /^https?$/, error: 'Must be an http(s) address.' })
    .max(2048, 'Use at most 2048 characters for the address.'),
);

export const sendableTypeSchema = z.enum(['TEXT', 'IMAGE', 'FILE', 'VOICE']);

const groupNameSchema = text()
  .trim()
  .min(1, 'A group needs a name.')
  .max(100, 'Use at most 100 characters for the name.');
const descriptionSchema = text().trim().max(1000, 'Use at most 1000 characters for the description.');

export const createChatSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('DIRECT'), targetUserId: idSchema }),
    z.object({
      type: z.literal('GROUP'),
      name: groupNameSchema,
      description: descriptionSchema.optional(),
      avatarUrl: webUrlSchema.optional(),
      participantIds: z.array(idSchema).max(1000),
    }),
  ],
  { error: 'type must be "DIRECT" or "GROUP".' },
);

export const roleSchema = z.enum(['ADMIN', 'MODERATOR', 'MEMBER']);

export const updateChatSchema = z
  .object({
    name: groupNameSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    avatarUrl: webUrlSchema.nullable().optional(),
    addParticipantIds: z.array(idSchema).max(1000).optional(),
    removeParticipantIds: z.array(idSchema).max(1000).optional(),
    roles: z
      .array(z.object({ userId: idSchema, role: roleSchema }))
      .max(1000)
      .optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'Nothing to change.' });

export const deleteChatQuerySchema = z.object({
  forEveryone: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** Opaque: what is inside is checked where it is decoded (rules/paging.ts). */
const cursorSchema = text().max(200);
/** Larger than PAGE_MAX_ITEMS is clamped by the service, not refused. */
const limitSchema = queryInt4({ min: 1 });

export const pageQuerySchema = z.object({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const historyQuerySchema = z
  .object({
    before: queryInt4().optional(),
    after: queryInt4().optional(),
    limit: limitSchema.optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: 'Use before or after, not both.',
  });

/** The sender saw "Are you sure?" for a word the platform flags, and sends it anyway. */
const confirmedSchema = z
  .boolean({ error: 'confirmed must be true or false.' })
  .optional()
  .describe(
    'Send it anyway after a 409 CONFIRM_REQUIRED: the message holds a word the platform flags, and is stored with flagged: true. Re-send with the same clientMessageId.',
  );

export const sendMessageSchema = z.object({
  content: contentSchema,
  type: sendableTypeSchema.default('TEXT'),
  clientMessageId: clientMessageIdSchema.optional(),
  replyToId: idSchema.optional(),
  confirmed: confirmedSchema,
});

export const editMessageSchema = z.object({ content: contentSchema, confirmed: confirmedSchema });

export const markReadSchema = z.object({ upToMessageId: idSchema.optional() });

export const searchQuerySchema = z.object({
  q: text().trim().min(1, 'Enter something to search for.').max(200),
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const userSearchQuerySchema = z.object({
  q: text().trim().min(1, 'Enter a name or email to search for.').max(100),
  limit: limitSchema.optional(),
});

export const blockUserSchema = z.object({ userId: idSchema });

/** Two people the host product matched (order does not matter). */
export const matchSchema = z.object({ userIdA: idSchema, userIdB: idSchema });

export type CreateChatInput = z.infer<typeof createChatSchema>;
export type UpdateChatInput = z.infer<typeof updateChatSchema>;
export type SendMessageInput = z.infer<typeof sendMessageSchema>;
export type HistoryQuery = z.infer<typeof historyQuerySchema>;
