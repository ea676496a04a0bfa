// What counts as a reaction: exactly one emoji as Unicode recommends it for
// general interchange (RGI), so every platform draws it as one picture.
// Pure, with no server imports: the web app checks its picks the same way.
import { AppError } from '../../errors';

/** Longer than any RGI emoji (the longest, family and kiss sequences, are 11 code points). */
export const EMOJI_MAX_LENGTH = 32;

/** Distinct emoji one message may carry; one more is refused, reacting with one it has is not. */
export const MAX_REACTIONS_PER_MESSAGE = 20;

// Built at run time: the `v` flag and RGI_Emoji need ES2024, beyond the compile target.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const VS16 = '\uFE0F';
// A skin tone is RGI on its own, but only as a swatch that modifies the emoji before it.
const LONE_MODIFIER = /^\p{Emoji_Modifier}$/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The emoji as stored, or null when `input` is not exactly one RGI emoji:
 * text, several emoji, a zero-width-joiner chain that is drawn as several
 * pictures, a lone skin tone. A single symbol sent without its emoji
 * variation selector ("❤" for "❤️", as some keyboards send it) is taken in
 * its emoji form, so one reaction is not counted under two spellings.
 */
export function normalizeEmoji(input: string): string | null {
  if (input.length === 0 || input.length > EMOJI_MAX_LENGTH || LONE_MODIFIER.test(input)) return null;
  const candidate = RGI_EMOJI.test(input)
    ? input
    : [...input].length === 1 && RGI_EMOJI.test(input + VS16)
      ? input + VS16
      : null;
  if (candidate === null) return null;
  // RGI_Emoji already means one picture; the segmenter makes sure the
  // runtime's grapheme rules agree that it is one character too.
  const segments = [...graphemes.segment(candidate)];
  return segments.length === 1 ? candidate : null;
}

/** The emoji as stored, or a 400 naming the field. */
export function requireEmoji(input: string): string {
  const stored = normalizeEmoji(input);
  if (stored === null) throw new AppError('VALIDATION', 'emoji: A reaction must be exactly one emoji.');
  return stored;
}
