import { describe, expect, it } from 'vitest';
import { parseRange } from './ranges';

describe('parseRange', () => {
  it('answers one range of a 1000-byte file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
    expect(parseRange('BYTES=1-1', 1000)).toEqual({ kind: 'part', start: 1, end: 1 });
  });

  it('is unsatisfiable past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5000-6000', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what is not one valid bytes range', () => {
    for (const header of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-1',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=a-b',
      'bytes=99999999999999999999-',
      'bytes=0x10-',
    ]) {
      expect(parseRange(header, 1000), String(header)).toEqual({ kind: 'whole' });
    }
  });
});
