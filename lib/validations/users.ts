// A person's own account: what PATCH /api/v1/users/me takes.
import { z } from 'zod';
import { idSchema } from './chat';
import { nameSchema } from './auth';
import { text } from './input';

export const BIO_MAX = 160;
export const PRONOUNS_MAX = 40;

// C0 and C1 controls, and DEL. A bio may break lines; nothing else of these
// has a place in a name shown to others.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const codePoints = (s: string) => [...s].length;

/** Plain text of at most `max` characters (code points); an empty value clears the field (null). */
function profileText(field: string, max: number, control: RegExp) {
  return text({ error: `${field} must be text.` })
    .trim()
    .refine((v) => !control.test(v), `${field} cannot contain control characters.`)
    .refine((v) => codePoints(v) <= max, `Use at most ${max} characters for your ${field}.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
}

export const updateAccountSchema = z
  .strictObject(
    {
      name: nameSchema
        .refine((v) => !CONTROL.test(v), 'Your name cannot contain control characters.')
        .optional()
        .describe('Your display name, 1–80 characters of plain text.'),
      bio: profileText('bio', BIO_MAX, CONTROL_BUT_NEWLINE).describe(
        `A short bio, at most ${BIO_MAX} characters of plain text (line breaks allowed); "" or null removes it.`,
      ),
      pronouns: profileText('pronouns', PRONOUNS_MAX, CONTROL).describe(
        `Your pronouns, e.g. "she/her", at most ${PRONOUNS_MAX} characters; "" or null removes them.`,
      ),
      avatarUploadId: idSchema
        .nullable()
        .optional()
        .describe('Your profile photo: an upload with purpose avatar (no chat) of yours; null removes it.'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
          : 'Send a JSON object.',
    },
  )
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'Send at least one of name, bio, pronouns, avatarUploadId.',
  });

export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

/** DELETE /api/v1/users/me: the account's password, to confirm it is really its owner. */
export const deleteAccountSchema = z.strictObject(
  {
    password: z
      .string({ error: 'Enter your password to delete your account.' })
      .min(1, 'Enter your password to delete your account.')
      .max(1024)
      .describe('Your current password.'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : 'Send a JSON object with your password.',
  },
);

export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
