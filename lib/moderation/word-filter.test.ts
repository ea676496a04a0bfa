import fc from 'fast-check';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { describe, expect, it } from 'vitest';
import { canonicalWord, compileWordFilter, type FilterWordEntry } from './word-filter';

const consoleWords: FilterWordEntry[] = [
  { word: 'grifter', action: 'block' },
  { word: 'scam', action: 'flag' },
  { word: 'coffee', action: 'block' },
  { word: 'scam artist', action: 'block' },
  { word: 'дурак', action: 'flag' },
];
const filter = compileWordFilter({ words: consoleWords, baseline: 'flag' });
const consoleOnly = compileWordFilter({ words: consoleWords, baseline: 'off' });

describe('console words', () => {
  it('match whole words, whatever the case', () => {
    expect(filter.check('you GRIFTER')).toEqual({ action: 'block', text: 'GRIFTER' });
    expect(filter.check('this is a scam, honestly')).toEqual({ action: 'flag', text: 'scam' });
    expect(filter.check('ты ДУРАК')).toEqual({ action: 'flag', text: 'ДУРАК' });
  });

  it('see through leetspeak, repeated letters and look-alike characters', () => {
    expect(filter.check('you gr1ft3r')).toEqual({ action: 'block', text: 'gr1ft3r' });
    expect(filter.check('gr!fter')).toEqual({ action: 'block', text: 'gr!fter' });
    expect(filter.check('what a $c4m')).toEqual({ action: 'flag', text: '$c4m' });
    expect(filter.check('griiiiifterrr')).toEqual({ action: 'block', text: 'griiiiifterrr' });
    // Cyrillic а and е standing in for Latin letters.
    expect(filter.check('sc\u0430m')).toEqual({ action: 'flag', text: 'sc\u0430m' });
    // A word with a double letter matches as written, and with more of it.
    expect(filter.check('coffee?')).toEqual({ action: 'block', text: 'coffee' });
    expect(filter.check('cofffffee')).toEqual({ action: 'block', text: 'cofffffee' });
  });

  it('need word boundaries in the text as written: punctuation ends a word, letters do not', () => {
    // "!" reads as a leetspeak "i", yet it ends the word here.
    expect(filter.check('scam!')).toEqual({ action: 'flag', text: 'scam' });
    expect(filter.check('(scam)')).toEqual({ action: 'flag', text: 'scam' });
    expect(consoleOnly.check('scammer scams rescam grifters')).toBeNull();
    expect(consoleOnly.check('scam5')).toBeNull();
  });

  it('prefer the longer phrase, and a block over a flag anywhere in the text', () => {
    expect(filter.check('a scam  artist')).toEqual({ action: 'block', text: 'scam  artist' });
    expect(filter.check('scam artistry')).toEqual({ action: 'flag', text: 'scam' });
    expect(filter.check('scam, then coffee')).toEqual({ action: 'block', text: 'coffee' });
  });

  it('read the same once canonical, and the stricter action holds', () => {
    expect(canonicalWord(' Coffee ')).toBe(canonicalWord('c0ffee'));
    const both = compileWordFilter({
      words: [
        { word: 'c0ffee', action: 'flag' },
        { word: 'coffee', action: 'block' },
      ],
      baseline: 'off',
    });
    expect(both.check('coffee')?.action).toBe('block');
  });
});

describe('the baseline (obscenity English dataset)', () => {
  it('flags profanity and its disguises by default', () => {
    expect(filter.check('what the fuck')).toEqual({ action: 'flag', text: 'fuck' });
    expect(filter.check('what the f4ck')).toEqual({ action: 'flag', text: 'f4ck' });
    expect(filter.check('FUUUUCK')).toEqual({ action: 'flag', text: 'FUUUUCK' });
    expect(filter.check('sh1t happens')?.action).toBe('flag');
  });

  it('passes the Scunthorpe problem words', () => {
    const clean = [
      'I grew up in Scunthorpe',
      'the assassin took a class on grapes',
      'a cockatoo and a cocktail in Essex',
      'analysis of the shitake harvest',
      'pass the assessment in Middlesex',
      'Hancock went to Sussex',
      'kung fu and therapists',
    ];
    for (const text of clean) expect(filter.check(text), text).toBeNull();
  });

  it('reads numbers as numbers, not leetspeak: addresses, prices and counters pass', () => {
    const numbers = ['msg 455', 'meet me at 717 Main St', 'it costs 455.00', 'call 555-455-7175'];
    for (const text of numbers) expect(filter.check(text), text).toBeNull();
    expect(filter.check('what an @$$')?.action).toBe('flag');
    const own = compileWordFilter({ words: [{ word: 'tit', action: 'block' }], baseline: 'off' });
    expect(own.check('room 717')).toBeNull();
    expect(own.check('t1t')?.action).toBe('block');
  });

  it('takes the action the deployment gives it, or none', () => {
    expect(compileWordFilter({ words: [], baseline: 'block' }).check('f4ck')?.action).toBe('block');
    expect(compileWordFilter({ words: [], baseline: 'off' }).check('fuck')).toBeNull();
    // A console BLOCK wins over the baseline's FLAG in the same text.
    expect(filter.check('fuck you grifter')).toEqual({ action: 'block', text: 'grifter' });
  });

  it('asks rather than refuses by default, because it cannot know context', () => {
    // A name: the sender confirms, and the message goes.
    expect(filter.check('Dick Van Dyke')).toEqual({ action: 'flag', text: 'Dick' });
  });

  it('leaves ordinary messages alone', () => {
    expect(filter.check('Hey! Are we still on for Saturday? 🙂')).toBeNull();
    expect(filter.check('')).toBeNull();
  });
});

describe('the baseline prefilter', () => {
  it('never decides differently from obscenity itself', () => {
    const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
    const baselineOnly = compileWordFilter({ words: [], baseline: 'flag' });
    const piece = fc.oneof(
      fc.constantFrom(
        'fuck',
        'f4ck',
        'ass',
        'class',
        'shit',
        'tit',
        'Scunthorpe',
        'cum',
        'sex',
        'Essex',
        ' ',
        '!',
      ),
      fc.string({ unit: fc.constantFrom(...'aceiklnorstuxfh4@310!$ |-_.'), maxLength: 6 }),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(baselineOnly.check(text) !== null, text).toBe(obscenity.hasMatch(text));
      }),
      { numRuns: 3000, seed: 15 },
    );
  });
});
