import { describe, expect, it } from 'vitest';
import { initials, linkify } from './format';

describe('linkify', () => {
  it('links only http(s) addresses and leaves everything else as text', () => {
    expect(linkify('see https://example.com/a?b=1, ok')).toEqual([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', ok' },
    ]);
    expect(linkify('javascript:alert(1) data:text/html,<b>x</b>')).toEqual([
      { text: 'javascript:alert(1) data:text/html,<b>x</b>' },
    ]);
    expect(linkify('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>' }]);
  });
});

describe('initials', () => {
  it('takes the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  ')).toBe('?');
    expect(initials('bob')).toBe('B');
  });
});
