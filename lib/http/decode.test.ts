import { describe, expect, it } from 'vitest';
import { decodeBody, parseQuery } from './decode';

describe('request bodies', () => {
  it('decode UTF-8, dropping a leading BOM', () => {
    expect(decodeBody(Buffer.from('\uFEFF{"a":"é👋"}'))).toBe('{"a":"é👋"}');
  });

  it('refuse bytes that are not UTF-8 instead of replacing them', () => {
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x22, 0xfe, 0x22]]) {
      expect(() => decodeBody(new Uint8Array(bytes))).toThrow('not valid UTF-8');
    }
  });
});

describe('query strings', () => {
  it('read like URLSearchParams', () => {
    for (const search of [
      '?q=a+b%20c&x=%E3%81%AB',
      'y=100%&z=%zz&e',
      'a=1&a=2',
      '__proto__=1&q=%EF%BB%BFx',
    ]) {
      expect(parseQuery(search)).toEqual(Object.fromEntries(new URLSearchParams(search)));
    }
  });

  it('refuse percent-encoded bytes that are not UTF-8', () => {
    for (const search of ['q=%FF', 'q=%C3', 'q=%ED%A0%80', 'q=ok&%FF=x']) {
      expect(() => parseQuery(search), search).toThrow('not valid UTF-8');
    }
  });
});
