import { describe, expect, it } from 'vitest';
import { findHighlights, MAX_SEARCH_TERMS, searchTerms } from './highlights';
import { listNames } from './notices';

describe('searchTerms', () => {
  it('keeps quoted phrases whole and skips web-search operators', () => {
    expect(searchTerms('"hello world" big -cat or dog')).toEqual(['hello world', 'big', 'dog']);
    expect(searchTerms('unbalanced "quote')).toEqual(['unbalanced', 'quote']);
    expect(searchTerms('Dup dup DUP')).toEqual(['DUP']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(MAX_SEARCH_TERMS);
  });
});

describe('findHighlights', () => {
  it('finds every occurrence case-insensitively, in any script', () => {
    expect(findHighlights('Hello hello HELLO', ['hello'])).toEqual([
      [0, 5],
      [6, 11],
      [12, 17],
    ]);
    expect(findHighlights('Привет, ПРИВЕТ', ['привет'])).toEqual([
      [0, 6],
      [8, 14],
    ]);
    expect(findHighlights('こんにちは世界', ['世界'])).toEqual([[5, 7]]);
  });

  it('merges overlapping ranges and treats regex characters literally', () => {
    expect(findHighlights('worldwide', ['world', 'dwide'])).toEqual([[0, 9]]);
    expect(findHighlights('a.b (c) [d] 100%', ['.', '(c)', '[d]', '%'])).toEqual([
      [1, 2],
      [4, 7],
      [8, 11],
      [15, 16],
    ]);
  });

  it('counts offsets in UTF-16 code units, as JavaScript strings do', () => {
    const text = '👋 hi';
    const [range] = findHighlights(text, ['hi']);
    expect(range).toEqual([3, 5]);
    expect(text.slice(...(range ?? [0, 0]))).toBe('hi');
  });
});

describe('listNames', () => {
  it('reads like a sentence', () => {
    expect(listNames(['Ann'])).toBe('Ann');
    expect(listNames(['Ann', 'Bob'])).toBe('Ann and Bob');
    expect(listNames(['Ann', 'Bob', 'Cat', 'Dan'])).toBe('Ann, Bob, Cat and Dan');
    expect(listNames(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C and 3 others');
  });
});
