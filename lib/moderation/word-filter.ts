// The platform word filter, compiled once per word list and run on every
// send and edit, in memory. Two parts read the text the same way (see
// see-through.ts: look-alikes, leetspeak, repeated letters):
// - the baseline, obscenity's English profanity dataset (baseline-words.ts),
//   whose terms all get one action (WORD_FILTER_BASELINE, `flag` by default:
//   it cannot know that "Dick" is a name, so it asks rather than refuses);
// - the console's words, each with its own action, matched as whole words.
// A BLOCK anywhere in the text wins over a FLAG.
import { baselineMatcher, onlyDigits } from './baseline-words';
import { canonicalWord, seeThrough, type SeenText } from './see-through';

export { canonicalWord };

export type FilterAction = 'block' | 'flag';
export type BaselineMode = FilterAction | 'off';

export interface FilterWordEntry {
  /** Lower-cased, as stored. */
  word: string;
  action: FilterAction;
}

export interface WordHit {
  action: FilterAction;
  /** The word as the message wrote it ("f4ck"), to tell the sender which. */
  text: string;
}

export interface WordFilter {
  /** The first BLOCK found, else the first FLAG, else null. */
  check(content: string): WordHit | null;
}

type Part = (seen: SeenText) => WordHit | null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether the original text has a letter or digit right before `start` or right at `end`. */
function insideWord(input: string, start: number, end: number): boolean {
  const before = [...input.slice(Math.max(0, start - 2), start)].at(-1);
  const after = input.codePointAt(end);
  return (
    (before !== undefined && WORD_CHAR.test(before)) ||
    (after !== undefined && WORD_CHAR.test(String.fromCodePoint(after)))
  );
}

/**
 * The console's words. One regular expression finds candidates in the text
 * as read; a candidate counts only at word boundaries of the text as
 * written, so "scam!" (where "!" reads as a leetspeak "i") still matches
 * "scam", and "scammer" does not.
 */
function consoleWords(words: FilterWordEntry[]): Part | null {
  const actions = new Map<string, FilterAction>();
  for (const { word, action } of words) {
    const key = canonicalWord(word);
    // Two console words may read the same: the stricter one holds.
    if (key && actions.get(key) !== 'block') actions.set(key, action);
  }
  if (actions.size === 0) return null;
  const keys = [...actions.keys()].sort((a, b) => b.length - a.length);
  const candidates = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
  // By first unit, longest first: at a candidate, only the words that can start there are tried.
  const byFirst = new Map<string, string[]>();
  for (const key of keys) byFirst.set(key[0]!, [...(byFirst.get(key[0]!) ?? []), key]);
  return ({ input, text, origin }) => {
    let flag: WordHit | null = null;
    candidates.lastIndex = 0;
    for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
      // Every word that starts here: "scam artist" may fail its boundary where "scam" holds.
      for (const key of byFirst.get(text[m.index]!) ?? []) {
        if (!text.startsWith(key, m.index)) continue;
        const start = origin[m.index]!;
        const next = m.index + key.length;
        const end = next < origin.length ? origin[next]! : input.length;
        if (insideWord(input, start, end) || onlyDigits(input.slice(start, end))) continue;
        const hit = { action: actions.get(key)!, text: input.slice(start, end) };
        if (hit.action === 'block') return hit;
        flag ??= hit;
      }
      candidates.lastIndex = m.index + 1;
    }
    return flag;
  };
}

function baselineWords(action: FilterAction): Part {
  const find = baselineMatcher();
  return (seen) => {
    const hit = find(seen);
    return hit && { action, text: seen.input.slice(hit.start, hit.end) };
  };
}

export function compileWordFilter({
  words,
  baseline,
}: {
  words: FilterWordEntry[];
  baseline: BaselineMode;
}): WordFilter {
  const parts: Part[] = [];
  const own = consoleWords(words);
  if (own) parts.push(own);
  if (baseline !== 'off') parts.push(baselineWords(baseline));
  const read = seeThrough();
  return {
    check(content) {
      const seen = read(content);
      let flag: WordHit | null = null;
      for (const part of parts) {
        const hit = part(seen);
        if (hit?.action === 'block') return hit;
        flag ??= hit;
      }
      return flag;
    },
  };
}
