// One byte range of a file, as browsers ask for when seeking audio and video
// (RFC 9110 §14). Several ranges in one request are answered with the whole
// file, which the RFC allows and no media element needs otherwise.

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/** At most 15 digits: offsets past 2^53 are not offsets of any file here. */
const SPEC = /^bytes=(\d{0,15})-(\d{0,15})$/i;

/**
 * The answer to `Range` for a file of `size` bytes (size > 0). A header that
 * is not one valid bytes range is ignored, as the RFC asks; a valid one that
 * starts past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = header ? SPEC.exec(header.trim()) : null;
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // The last N bytes.
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}
