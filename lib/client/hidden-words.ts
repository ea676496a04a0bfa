// Hidden words, matched in the person's own browser: the server keeps their
// list but never reads messages for it. A message hides when it holds one of
// the words as a whole word (or phrase), in any case and any script.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test for "does this text hold a hidden word", made once per list. */
export function hiddenWordMatcher(words: readonly string[]): (text: string) => boolean {
  const usable = words.map((w) => w.trim()).filter(Boolean);
  if (usable.length === 0) return () => false;
  // Longest first, so a phrase is tried before a word it starts with.
  const alternatives = [...usable]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  return (text) => pattern.test(text);
}
