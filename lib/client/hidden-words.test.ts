import { describe, expect, it } from 'vitest';
import { hiddenWordMatcher } from './hidden-words';

describe('hiddenWordMatcher', () => {
  const hides = hiddenWordMatcher(['spoilers', 'work stuff', 'ex', 'c++', 'привет']);

  it('finds whole words and phrases, in any case', () => {
    expect(hides('No SPOILERS please')).toBe(true);
    expect(hides('spoilers!')).toBe(true);
    expect(hides('enough work   stuff for today')).toBe(true);
    expect(hides('my ex called')).toBe(true);
    expect(hides('I write C++ all day')).toBe(true);
    expect(hides('Привет, как дела?')).toBe(true);
  });

  it('leaves words that only contain one alone', () => {
    expect(hides('the spoilerscape')).toBe(false);
    expect(hides('an excellent example, next time')).toBe(false);
    expect(hides('homework stuffing')).toBe(false);
    expect(hides('приветствую')).toBe(false);
  });

  it('treats the words as text, not as patterns', () => {
    expect(hiddenWordMatcher(['a.b'])('axb')).toBe(false);
    expect(hiddenWordMatcher(['a.b'])('see a.b now')).toBe(true);
  });

  it('hides nothing without words', () => {
    expect(hiddenWordMatcher([])('anything at all')).toBe(false);
  });
});
