// Chat input schemas, written once: REST route handlers, socket handlers,
// the web app's forms and the OpenAPI document all use these.
// Limits come from the environment (lib/env.ts) and are applied by the
// services, so one configuration holds for every transport.
import { z } from 'zod';
import { EMOJI_MAX_LENGTH, normalizeEmoji } from '../chat/rules/emoji';
import { INT4_MAX, queryInt4, storable, text } from './input';

export const idSchema = z.uuid({ error: 'Must be an id (UUID).' });

/**
 * A text message's text or a media message's caption, which may be empty
 * (a TEXT message's may not: checkSendFields, and the edit service). The
 * upper bound is MESSAGE_MAX_LENGTH, checked by the services (413).
 */
const captionSchema = text({ error: 'content must be text.' });

/**
 * What a media message takes: uploads of one kind (POST /api/v1/uploads
 * decides the kind from the bytes), between 1 and `max` of them.
 */
export const ATTACHMENT_RULES = {
  IMAGE: { kind: 'image', max: 10, needs: 'A photo message needs 1 to 10 image uploads.' },
  FILE: { kind: 'file', max: 1, needs: 'A file message needs exactly 1 file upload.' },
  VOICE: { kind: 'voice', max: 1, needs: 'A voice message needs exactly 1 voice upload.' },
} as const;
export type MediaType = keyof typeof ATTACHMENT_RULES;
export const MAX_ATTACHMENTS = 10;

export const attachmentIdsSchema = z
  .array(idSchema, { error: 'attachmentIds must be a list of upload ids.' })
  .min(1, 'List at least one upload id, or leave attachmentIds out.')
  .max(MAX_ATTACHMENTS, `A message takes at most ${MAX_ATTACHMENTS} uploads.`)
  .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, {
    message: 'List each upload once.',
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
    avatarUploadId: idSchema
      .nullable()
      .optional()
      .describe(
        "The group's photo: an upload with purpose avatar to this group, by you (an ADMIN); null removes the photo.",
      ),
    addParticipantIds: z.array(idSchema).max(1000).optional(),
    removeParticipantIds: z.array(idSchema).max(1000).optional(),
    roles: z
      .array(z.object({ userId: idSchema, role: roleSchema }))
      .max(1000)
      .optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'Nothing to change.' })
  .refine((u) => u.avatarUrl === undefined || u.avatarUploadId === undefined, {
    message: 'Set the photo with avatarUrl or avatarUploadId, not both.',
    path: ['avatarUploadId'],
  });

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

/** Mentions one message may carry (each person once). */
export const MAX_MENTIONS = 20;

/**
 * Who a message mentions, as ranges into its content recorded by the
 * sender's client: never parsed back from the text. Whether the ranges fit
 * the content and name current members is checked by the services
 * (lib/chat/rules/mentions.ts), which know the content and the chat.
 */
export const mentionsSchema = z
  .array(
    z.strictObject(
      {
        userId: idSchema,
        offset: z
          .number({ error: 'offset must be a whole number.' })
          .int('offset must be a whole number.')
          .min(0, 'offset must be at least 0.'),
        length: z
          .number({ error: 'length must be a whole number.' })
          .int('length must be a whole number.')
          .min(2, 'length must be at least 2 ("@" and a name).'),
      },
      { error: 'Each mention must be { userId, offset, length }.' },
    ),
    { error: 'mentions must be a list of { userId, offset, length }.' },
  )
  .max(MAX_MENTIONS, `A message can mention at most ${MAX_MENTIONS} people.`)
  .describe(
    'People the text mentions, in a group: ranges [offset, offset + length) of content in UTF-16 code units (as JavaScript indexes strings), each starting with "@", not overlapping, each a current member other than the sender, each person once.',
  );

/** A send's fields; sendMessageSchema adds the rules between them. */
export const sendMessageFields = z.object({
  content: captionSchema
    .default('')
    .describe('The text; for IMAGE, FILE and VOICE an optional caption (may be empty or left out).'),
  type: sendableTypeSchema.default('TEXT'),
  attachmentIds: attachmentIdsSchema
    .optional()
    .describe(
      'Ids from POST /api/v1/uploads in this chat, in the order to show them: IMAGE takes 1–10 image uploads, FILE exactly 1 file upload, VOICE exactly 1 voice upload. Each upload is attached once, by its uploader.',
    ),
  clientMessageId: clientMessageIdSchema.optional(),
  replyToId: idSchema.optional(),
  mentions: mentionsSchema.optional(),
  confirmed: confirmedSchema,
});

type SendFields = z.infer<typeof sendMessageFields>;

/** A TEXT message has text and no uploads; a media message has its uploads and maybe a caption. */
export function checkSendFields(send: SendFields, ctx: z.RefinementCtx): void {
  if (send.type === 'TEXT') {
    if (send.content.trim().length === 0) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'A message cannot be empty.' });
    }
    if (send.attachmentIds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['attachmentIds'],
        message: 'A text message cannot carry uploads: send it as IMAGE, FILE or VOICE.',
      });
    }
    return;
  }
  const rule = ATTACHMENT_RULES[send.type];
  const count = send.attachmentIds?.length ?? 0;
  if (count < 1 || count > rule.max)
    ctx.addIssue({ code: 'custom', path: ['attachmentIds'], message: rule.needs });
}

export const sendMessageSchema = sendMessageFields.superRefine(checkSendFields);

/** A TEXT message's new text must not be empty; a media message's caption may (checked by the service). */
export const editMessageSchema = z.object({
  content: captionSchema.describe('The new text, or for a media message the new caption (may be empty).'),
  mentions: mentionsSchema
    .optional()
    .describe(
      'The mentions of the new text, replacing the old ones (an empty list removes them all). Left out: the old mentions whose ranges still hold the same text are kept, the rest dropped.',
    ),
  confirmed: confirmedSchema,
});

/**
 * A chat's disappearing-message timer: seconds from DISAPPEARING_TIMERS, or
 * null for off. Whether the value is one the server offers is checked by the
 * service (lib/chat/set-disappearing.ts), so one configuration holds everywhere.
 */
export const disappearingSchema = z.object({
  disappearAfterSeconds: z
    .number({ error: 'disappearAfterSeconds must be a number of seconds, or null for off.' })
    .int('disappearAfterSeconds must be whole seconds.')
    .positive('disappearAfterSeconds must be above 0; null turns the timer off.')
    .max(INT4_MAX)
    .nullable()
    .describe(
      'Seconds after sending that new messages are deleted for everyone: 86400 (24 hours), 604800 (7 days) or 7776000 (90 days) unless the server configures others (DISAPPEARING_TIMERS); null turns it off.',
    ),
});

/** Delete for everyone (the default) or only for the caller. */
export const deleteMessageQuerySchema = z.object({
  forEveryone: z
    .enum(['true', 'false'], { error: 'forEveryone must be true or false.' })
    .optional()
    .transform((v) => v !== 'false')
    .describe('false: delete the message for yourself only (any message you can see). Default true.'),
});

/** Forward a message the caller can see to another chat they are in. */
export const forwardMessageSchema = z.object({
  chatId: idSchema.describe('The chat to forward to; every rule of a send there applies.'),
  clientMessageId: clientMessageIdSchema.optional(),
  confirmed: confirmedSchema,
});

export const markReadSchema = z.object({ upToMessageId: idSchema.optional() });

/** A reaction as sent: exactly one emoji (lib/chat/rules/emoji.ts), which the service stores normalised. */
export const reactionEmojiSchema = z
  .string({ error: 'A reaction must be exactly one emoji.' })
  .max(EMOJI_MAX_LENGTH, 'A reaction must be exactly one emoji.')
  .refine((value) => normalizeEmoji(value) !== null, 'A reaction must be exactly one emoji.');

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
export type ForwardMessageInput = z.infer<typeof forwardMessageSchema>;
