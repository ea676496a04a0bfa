import { describe, expect, it } from 'vitest';
import { insertMention, mentionQuery, mentionRanges, splitMentions } from './mentions';

const bob = { userId: 'b', name: 'Bob' };
const bobby = { userId: 'bb', name: 'Bob By' };

describe('composer mentions', () => {
  it('finds each pick’s token in the final text, dropping those edited away', () => {
    expect(mentionRanges('hi @Bob and @Bob By', [bob, bobby])).toEqual([
      { userId: 'b', offset: 3, length: 4 },
      { userId: 'bb', offset: 12, length: 7 },
    ]);
    // The longer name first: "@Bob" must not take the start of "@Bob By".
    expect(mentionRanges('@Bob By', [bob, bobby])).toEqual([{ userId: 'bb', offset: 0, length: 7 }]);
    expect(mentionRanges('hi @Bo', [bob])).toEqual([]);
    expect(mentionRanges('🧗 @Bob', [bob])).toEqual([{ userId: 'b', offset: 3, length: 4 }]);
  });

  it('knows the query being typed at the caret', () => {
    expect(mentionQuery('hi @Bo', 6)).toEqual({ start: 3, query: 'Bo' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail@example', 12)).toBeNull();
    expect(mentionQuery('@Bob\nhi', 7)).toBeNull();
    expect(mentionQuery('@ Bob', 5)).toBeNull();
  });

  it('inserts the name with a space after it', () => {
    expect(insertMention('hi @Bo there', 3, 6, 'Bob')).toEqual({ text: 'hi @Bob  there', caret: 8 });
  });
});

describe('mentions in bubbles', () => {
  it('cuts the text at the ranges, ignoring ranges that do not fit', () => {
    expect(splitMentions('hi @Bob!', [{ userId: 'b', offset: 3, length: 4 }])).toEqual([
      { text: 'hi ' },
      { text: '@Bob', userId: 'b' },
      { text: '!' },
    ]);
    expect(splitMentions('hi', [{ userId: 'b', offset: 1, length: 9 }])).toEqual([{ text: 'hi' }]);
    expect(splitMentions('', [])).toEqual([{ text: '' }]);
  });
});
