// A person's own account: what PATCH /api/v1/users/me takes.
import { z } from 'zod';
import { idSchema } from './chat';

export const updateAccountSchema = z.strictObject(
  {
    avatarUploadId: idSchema
      .nullable()
      .describe('Your profile photo: an upload with purpose avatar (no chat) of yours; null removes it.'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : 'Send a JSON object.',
  },
);

export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
