// Text as the word filter reads it: obscenity's recommended transformers
// (look-alike characters to letters, leetspeak to letters, ASCII lower case,
// runs of a repeated letter collapsed), then lower case in every script, so
// console words in any language match whatever their case. A map back to
// the original text lets a match be quoted as it was written.
import {
  createSimpleTransformer,
  englishRecommendedBlacklistMatcherTransformers,
  type StatefulTransformer,
  type TransformerContainer,
} from 'obscenity';

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

export interface SeenText {
  /** The original. */
  input: string;
  /** As the filter reads it. */
  text: string;
  /** For each UTF-16 unit of `text`, where its character starts in `input`. */
  origin: number[];
}

/** A reader with its own transformer state: one per compiled filter, never shared across calls in flight. */
export function seeThrough(): (input: string) => SeenText {
  const stateful: Array<StatefulTransformer | undefined> = TRANSFORMERS.map((t) =>
    'factory' in t ? t.factory() : undefined,
  );
  return (input) => {
    for (const t of stateful) t?.reset();
    let text = '';
    const origin: number[] = [];
    for (let i = 0; i < input.length;) {
      const cp = input.codePointAt(i) ?? 0;
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
      i += cp > 0xffff ? 2 : 1;
    }
    return { input, text, origin };
  };
}

/** A console word as the filter reads it: "Coffee" and "c0ffee" both become "cofee". */
export function canonicalWord(word: string): string {
  return seeThrough()(word.trim().toLowerCase()).text;
}
