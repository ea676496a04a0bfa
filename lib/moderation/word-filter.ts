// The platform word filter, compiled once per word list and run on every
// send and edit. Two parts:
// - the baseline, obscenity's English profanity dataset with its own
//   patterns and whitelist (so "Scunthorpe", "assassin", "grape" pass), whose
//   terms get one action for all (WORD_FILTER_BASELINE, `flag` by default);
// - the console's words, each with its own action, matched as whole words.
// Both see through the same disguises: look-alike characters, leetspeak and
// repeated letters (obscenity's recommended transformers). A BLOCK anywhere
// wins over a FLAG.
import {
  createSimpleTransformer,
  englishDataset,
  englishRecommendedBlacklistMatcherTransformers,
  englishRecommendedTransformers,
  RegExpMatcher,
  type StatefulTransformer,
  type TransformerContainer,
} from 'obscenity';

export type FilterAction = 'block' | 'flag';
export type BaselineMode = FilterAction | 'off';

export interface FilterWordEntry {
  /** Lower-cased, as stored. */
  word: string;
  action: FilterAction;
}

export interface WordHit {
  action: FilterAction;
  /** The words as the message wrote them ("f4ck"), to tell the sender which. */
  text: string;
}

export interface WordFilter {
  /** The first BLOCK found, else the first FLAG, else null. */
  check(content: string): WordHit | null;
}

/** Obscenity's transformers lower-case ASCII only; console words may be in any script. */
const unicodeLowerCase = createSimpleTransformer((c) => {
  if (c < 0x80) return c;
  const lower = String.fromCodePoint(c).toLowerCase();
  const code = lower.codePointAt(0);
  return code !== undefined && lower.length === String.fromCodePoint(code).length ? code : c;
});

const TRANSFORMERS: TransformerContainer[] = [
  ...englishRecommendedBlacklistMatcherTransformers,
  unicodeLowerCase,
];

interface Transformed {
  text: string;
  /** For each UTF-16 unit of `text`, where its character starts in the original. */
  origin: number[];
}

/** Runs the transformers over each code point, as obscenity's matcher does, keeping the way back. */
function transform(input: string, stateful: Array<StatefulTransformer | undefined>): Transformed {
  for (const t of stateful) t?.reset();
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    let c: number | undefined = cp;
    for (let k = 0; k < TRANSFORMERS.length && c !== undefined; k++) {
      const t = TRANSFORMERS[k]!;
      c = 'transform' in t ? t.transform(c) : stateful[k]!.transform(c);
    }
    if (c !== undefined) {
      const ch = String.fromCodePoint(c);
      text += ch;
      for (let u = 0; u < ch.length; u++) origin.push(i);
    }
    i += width;
  }
  return { text, origin };
}

const statefulOf = () => TRANSFORMERS.map((t) => ('factory' in t ? t.factory() : undefined));

/** A console word as the matcher sees it: "Coffee" and "c0ffee" both become "cofee". */
export function canonicalWord(word: string): string {
  return transform(word.trim().toLowerCase(), statefulOf()).text;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether the original text has a letter or digit right before `start` or right at `end`. */
function insideWord(input: string, start: number, end: number): boolean {
  const before = start > 0 ? input.slice(Math.max(0, start - 2), start) : '';
  const lastBefore = [...before].at(-1);
  const after = input.codePointAt(end);
  return (
    (lastBefore !== undefined && WORD_CHAR.test(lastBefore)) ||
    (after !== undefined && WORD_CHAR.test(String.fromCodePoint(after)))
  );
}

/**
 * The console's words. One regular expression finds candidates in the
 * transformed text; a candidate counts only at word boundaries of the
 * original text, so "scam!" (where "!" reads as leetspeak "i") still
 * matches "scam" and "scammer" does not.
 */
function consoleMatcher(words: FilterWordEntry[]): ((input: string) => WordHit | null) | null {
  const byCanonical = new Map<string, FilterAction>();
  for (const { word, action } of words) {
    const key = canonicalWord(word);
    if (!key) continue;
    // Two console words may read the same once canonical: the stricter one holds.
    if (byCanonical.get(key) !== 'block') byCanonical.set(key, action);
  }
  if (byCanonical.size === 0) return null;
  const keys = [...byCanonical.keys()].sort((a, b) => b.length - a.length);
  const candidates = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
  // The words by their first unit, longest first: a candidate tries only those that can start there.
  const byFirst = new Map<string, string[]>();
  for (const key of keys) byFirst.set(key[0]!, [...(byFirst.get(key[0]!) ?? []), key]);
  const stateful = statefulOf();
  return (input) => {
    const { text, origin } = transform(input, stateful);
    let flag: WordHit | null = null;
    candidates.lastIndex = 0;
    for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
      // Every word that starts here, longest first: "scam artist" may fail its boundary where "scam" holds.
      for (const key of byFirst.get(text[m.index]!) ?? []) {
        if (!text.startsWith(key, m.index)) continue;
        const start = origin[m.index]!;
        const next = m.index + key.length;
        const end = next < origin.length ? origin[next]! : input.length;
        if (insideWord(input, start, end)) continue;
        const hit = { action: byCanonical.get(key)!, text: input.slice(start, end) };
        if (hit.action === 'block') return hit;
        flag ??= hit;
      }
      candidates.lastIndex = m.index + 1;
    }
    return flag;
  };
}

/** Obscenity's dataset, with its whitelist; every term gets the baseline's action. */
function baselineMatcher(action: FilterAction): (input: string) => WordHit | null {
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return (input) => {
    let first: { startIndex: number; endIndex: number } | undefined;
    for (const m of matcher.getAllMatches(input)) if (!first || m.startIndex < first.startIndex) first = m;
    return first ? { action, text: input.slice(first.startIndex, first.endIndex + 1) } : null;
  };
}

const baselines: Partial<Record<FilterAction, (input: string) => WordHit | null>> = {};

export function compileWordFilter({
  words,
  baseline,
}: {
  words: FilterWordEntry[];
  baseline: BaselineMode;
}): WordFilter {
  const parts: Array<(input: string) => WordHit | null> = [];
  const own = consoleMatcher(words);
  if (own) parts.push(own);
  // The dataset compiles the same whatever the console holds: once per process and action.
  if (baseline !== 'off') parts.push((baselines[baseline] ??= baselineMatcher(baseline)));
  return {
    check(content) {
      let flag: WordHit | null = null;
      for (const part of parts) {
        const hit = part(content);
        if (hit?.action === 'block') return hit;
        flag ??= hit;
      }
      return flag;
    },
  };
}
