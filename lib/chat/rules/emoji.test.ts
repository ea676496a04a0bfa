import { describe, expect, it } from 'vitest';
import { normalizeEmoji } from './emoji';

describe('normalizeEmoji', () => {
  it('takes one emoji of any kind', () => {
    for (const e of ['👍', '❤️', '😂', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', '🏳️‍🌈', '1️⃣', '🫠']) {
      expect(normalizeEmoji(e)).toBe(e);
    }
  });

  it('gives a bare symbol its emoji form', () => {
    expect(normalizeEmoji('❤')).toBe('❤️');
  });

  it('refuses what is not exactly one emoji', () => {
    const bad = [
      '',
      'a',
      'ok',
      ':)',
      '👍👍',
      '👍 ',
      '❤️a',
      '😀'.repeat(50),
      // A ZWJ chain no platform draws as one picture: shown as a dog, a cat and a rabbit.
      '🐶‍🐱‍🐰',
      // A ZWJ chain joining two valid family emoji.
      '👨‍👩‍👧‍👦‍👨‍👩‍👧‍👦',
      '🏽',
      '\u200d',
      '1',
      '#',
      '\uFE0F',
      '❤️\uFE0F',
    ];
    for (const b of bad) expect(normalizeEmoji(b), JSON.stringify(b)).toBeNull();
  });
});
