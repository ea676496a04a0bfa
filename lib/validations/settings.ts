// Privacy settings (PATCH /api/v1/users/me/settings) and group invitations.
// Strict: a misspelt field is refused rather than silently ignored, since a
// privacy change that did not happen must not look as if it did.
import { z } from 'zod';

export const audienceSchema = z.enum(['everyone', 'chats', 'nobody'], {
  error: 'Must be "everyone", "chats" or "nobody".',
});

const flag = (what: string) => z.boolean({ error: `${what}: Must be true or false.` });

export const updateSettingsSchema = z
  .strictObject(
    {
      readReceipts: flag('readReceipts')
        .optional()
        .describe('Others see when you read; off also hides their reads from you (groups too).'),
      lastSeen: audienceSchema
        .optional()
        .describe('Who sees your last seen and online status; "nobody" also hides everyone else’s from you.'),
      typingIndicator: flag('typingIndicator').optional().describe('Others see you typing.'),
      groupInvites: audienceSchema
        .optional()
        .describe(
          'Who may add you to groups ("chats": people you have a direct chat with); others send an invitation.',
        ),
      linkPreviews: flag('linkPreviews')
        .optional()
        .describe('The server fetches a preview of https links in your messages (off by default).'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
          : 'Send a JSON object.',
    },
  )
  .refine((b) => Object.keys(b).length > 0, {
    message: 'Send at least one of readReceipts, lastSeen, typingIndicator, groupInvites, linkPreviews.',
  });

export type Audience = z.infer<typeof audienceSchema>;
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
