import { describe, expect, it } from 'vitest';
import { editTimeLeft, initials, linkify, snippetOf } from './format';

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

describe('editTimeLeft', () => {
  it('counts whole minutes up, and seconds in the last minute', () => {
    expect(editTimeLeft(15 * 60_000)).toBe('15 min left');
    expect(editTimeLeft(14 * 60_000 + 1)).toBe('15 min left');
    expect(editTimeLeft(60_000)).toBe('1 min left');
    expect(editTimeLeft(59_001)).toBe('60 s left');
    expect(editTimeLeft(1_500)).toBe('2 s left');
    expect(editTimeLeft(10)).toBe('1 s left');
  });
});

describe('snippetOf', () => {
  it('puts a message on one line and cuts a long one at a word', () => {
    expect(snippetOf('  two\n\nlines\there ')).toBe('two lines here');
    expect(snippetOf('short', 10)).toBe('short');
    expect(snippetOf('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(snippetOf('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
