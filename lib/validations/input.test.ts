import { describe, expect, it } from 'vitest';
import { INT4_MAX, int4, queryInt4, text, timestamp } from './input';

describe('storable text', () => {
  const ok = (s: string) => text().safeParse(s).success;

  it('refuses NUL and unpaired surrogates, anywhere in the text', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\uD800', 'a\uDFFF', '\uDC00\uD800', '😀'.slice(0, 1)]) {
      expect(ok(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps every other character, RTL overrides and surrogate pairs included', () => {
    for (const good of ['', '\u202Egnp.exe', '👋🏽 שלום', '\uFEFF\uFFFD\u0001\u007F', '😀'.repeat(20_000)]) {
      expect(text().parse(good)).toBe(good);
    }
  });
});

describe('int4 numbers', () => {
  it('take whole numbers from min to 2^31−1 and nothing else', () => {
    expect(int4().parse(0)).toBe(0);
    expect(int4().parse(INT4_MAX)).toBe(INT4_MAX);
    for (const bad of [-1, 1.5, INT4_MAX + 1, Number.MAX_SAFE_INTEGER, 1e308, Infinity, NaN, '1']) {
      expect(int4().safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(int4({ min: 1 }).safeParse(0).success).toBe(false);
  });

  it('read the same bounds from a query string', () => {
    expect(queryInt4().parse('2147483647')).toBe(INT4_MAX);
    for (const bad of ['2147483648', '9007199254740991', '-1', '1.5', 'x', '9'.repeat(400)]) {
      expect(queryInt4().safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('timestamps', () => {
  it('take ISO 8601 UTC times of real dates in the years 1970–9999', () => {
    for (const good of ['1970-01-01T00:00:00Z', '2024-02-29T12:00:00.123Z', '9999-12-31T23:59:59.999Z']) {
      expect(timestamp.parse(good)).toBe(good);
    }
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z',
      '10000-01-01T00:00:00Z',
      '+010000-01-01T00:00:00.000Z',
      '2023-02-29T00:00:00Z',
      '2024-01-01T00:00:00+01:00',
      '2024-01-01',
    ]) {
      expect(timestamp.safeParse(bad).success, bad).toBe(false);
    }
  });
});
