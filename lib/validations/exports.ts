// Exports (POST /api/v1/exports): what to export and how. Strict, like the
// settings: a misspelt option must not quietly give a different export.
import { z } from 'zod';

export const exportScopeSchema = z.enum(['account', 'chat'], { error: 'Must be "account" or "chat".' });
export const exportFormatSchema = z.enum(['json', 'html', 'both'], {
  error: 'Must be "json", "html" or "both".',
});

export const createExportSchema = z
  .strictObject(
    {
      scope: exportScopeSchema.describe(
        '"chat": one chat (chatId); "account": every chat you are or were in, and your account’s data.',
      ),
      chatId: z.uuid({ error: 'Must be a chat id.' }).optional().describe('The chat, with scope "chat".'),
      format: exportFormatSchema
        .optional()
        .describe('JSON Lines, a static HTML page per chat, or both (the default).'),
      includeMedia: z
        .boolean({ error: 'includeMedia: Must be true or false.' })
        .optional()
        .describe('Put the photos, files and voice messages you may see into the zip (default true).'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
          : 'Send a JSON object.',
    },
  )
  .refine((b) => (b.scope === 'chat') === (b.chatId !== undefined), {
    message: 'chatId goes with scope "chat", and only with it.',
    path: ['chatId'],
  });

export type CreateExportInput = z.infer<typeof createExportSchema>;
