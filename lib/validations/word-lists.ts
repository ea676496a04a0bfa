// Word lists: the platform's (managed in the moderation console) and each
// person's hidden words. Unknown fields are refused here, not dropped: a
// typo in a moderator's request must not pass as a different change.
import { z } from 'zod';
import { text } from './input';

export const WORD_MAX_LENGTH = 64;
export const HIDDEN_WORDS_MAX = 200;

/** One word or short phrase, stored trimmed, lower-cased and with single spaces. */
export const wordSchema = text({ error: 'A word must be text.' })
  .overwrite((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
  .min(1, 'A word cannot be empty.')
  .max(WORD_MAX_LENGTH, `Use at most ${WORD_MAX_LENGTH} characters for a word.`)
  .regex(/[\p{L}\p{N}]/u, 'A word needs at least one letter or digit.');

/** An object body with exactly these fields. */
function exactly<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : 'Send a JSON object.',
  });
}

export const filterActionSchema = z.enum(['block', 'flag'], { error: 'action must be "block" or "flag".' });

export const addFilterWordSchema = exactly({
  word: wordSchema.describe(
    'Matched as a whole word or phrase, whatever its case, through leetspeak, repeated letters and look-alike characters.',
  ),
  action: filterActionSchema.describe(
    'block: the message is refused (422). flag: the sender is asked to confirm (409).',
  ),
});

export const hiddenWordsSchema = exactly({
  words: z
    .array(wordSchema, { error: 'words must be a list of words.' })
    .max(HIDDEN_WORDS_MAX, `Hide at most ${HIDDEN_WORDS_MAX} words.`)
    .describe('The whole list: it replaces the one stored. Duplicates are kept once.'),
});

export type AddFilterWordInput = z.infer<typeof addFilterWordSchema>;
