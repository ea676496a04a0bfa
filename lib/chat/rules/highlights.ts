// Search terms and the highlight ranges shown in results, computed in
// TypeScript so they match what a person sees, in any script.

/** At most this many words of a query are matched as substrings. */
export const MAX_SEARCH_TERMS = 8;

/**
 * What a hit should contain, for substring matching and highlights: each
 * "quoted phrase" as one term, every other word as a term, and web-search
 * syntax (`or`, `-excluded`) skipped.
 */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const [, phrase, word] of q.matchAll(/"([^"]*)"|(\S+)/gu)) {
    if (phrase !== undefined) terms.push(phrase.trim());
    else if (word && !word.startsWith('-') && word.toLowerCase() !== 'or') terms.push(word.replace(/"/g, ''));
  }
  const unique = new Map(terms.filter((t) => t.length > 0).map((t) => [t.toLowerCase(), t]));
  return [...unique.values()].slice(0, MAX_SEARCH_TERMS);
}

/**
 * Where the terms occur in `content`, case-insensitively: sorted, merged
 * [start, end) ranges in UTF-16 code units (JavaScript string indices).
 */
export function findHighlights(content: string, terms: string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (term.length === 0) continue;
    for (const match of content.matchAll(new RegExp(escapeRegExp(term), 'giu'))) {
      ranges.push([match.index, match.index + match[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
