// The baseline: obscenity's English profanity dataset, with its own patterns
// and whitelist (so "Scunthorpe", "assassin" and "grape" pass). Obscenity
// runs each of its ~120 patterns over the text in turn, about 50 µs for 200
// characters; one regular expression of all of them (the same patterns over
// the same transformed text, before the whitelist) finds no candidate in
// most messages and spares that. Where it finds one, obscenity decides.
import {
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
  SyntaxKind,
  type Node,
} from 'obscenity';
import type { SeenText } from './see-through';

export interface BaselineHit {
  /** Where the word starts and ends (exclusive) in the original text. */
  start: number;
  end: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function source(node: Node): string {
  switch (node.kind) {
    case SyntaxKind.Literal:
      return escapeRegExp(String.fromCodePoint(...node.chars));
    case SyntaxKind.Wildcard:
      return '.';
    case SyntaxKind.Optional:
      return `(?:${source(node.childNode)})?`;
  }
}

type Find = (seen: SeenText) => BaselineHit | null;
let compiled: Find | undefined;

/**
 * Finds the first baseline word in a text already read by `seeThrough` (the
 * same transformers obscenity uses). Compiled once per process: the dataset
 * never changes, and a call keeps no state.
 */
export function baselineMatcher(): Find {
  return (compiled ??= compile());
}

function compile(): Find {
  const dataset = englishDataset.build();
  const matcher = new RegExpMatcher({ ...dataset, ...englishRecommendedTransformers });
  const candidates = new RegExp(
    dataset.blacklistedTerms
      .map(
        ({ pattern: p }) =>
          (p.requireWordBoundaryAtStart ? '\\b' : '') +
          p.nodes.map(source).join('') +
          (p.requireWordBoundaryAtEnd ? '\\b' : ''),
      )
      .join('|'),
    's',
  );
  return (seen) => {
    if (!candidates.test(seen.text)) return null;
    let first: { startIndex: number; endIndex: number } | undefined;
    for (const m of matcher.getAllMatches(seen.input)) {
      if (onlyDigits(seen.input.slice(m.startIndex, m.endIndex + 1))) continue;
      if (!first || m.startIndex < first.startIndex) first = m;
    }
    return first ? { start: first.startIndex, end: first.endIndex + 1 } : null;
  };
}

/**
 * Numbers read as leetspeak ("455", "717") are numbers: a house number or a
 * price is never a word. Symbols still count ("@$$").
 */
export function onlyDigits(written: string): boolean {
  return /^[\p{N}\s.,:/-]*$/u.test(written);
}
