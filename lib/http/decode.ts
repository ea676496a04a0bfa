// Bytes to text for request bodies and query strings, refusing what is not
// UTF-8. The lenient decoders (Buffer#toString, URLSearchParams) replace bad
// bytes with U+FFFD, so a client would see something stored that it never sent.
import { AppError } from '../errors';

/** The body's bytes as text; a leading BOM is dropped. */
export function decodeBody(bytes: Uint8Array): string {
  try {
    return strictUtf8(bytes, { keepBom: false });
  } catch {
    throw new AppError('INVALID_JSON', 'The request body is not valid UTF-8.');
  }
}

/**
 * A query string (`a=1&b=%C3%A9`) as a plain object, decoded as
 * URLSearchParams does (`+` is a space, a `%` not followed by two hex digits
 * stays as it is, the last of a repeated name wins), except that
 * percent-encoded bytes that are not UTF-8 are refused.
 */
export function parseQuery(search: string): Record<string, string> {
  const entries: Array<[string, string]> = [];
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = at === -1 ? pair : pair.slice(0, at);
    const value = at === -1 ? '' : pair.slice(at + 1);
    entries.push([decodeComponent(name), decodeComponent(value)]);
  }
  // fromEntries makes `__proto__` an inert own key, as URLSearchParams did.
  return Object.fromEntries(entries);
}

function decodeComponent(component: string): string {
  // Each run of %XX escapes is one byte sequence; UTF-8 never spans a literal character.
  return component.replaceAll('+', ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return strictUtf8(Buffer.from(run.replaceAll('%', ''), 'hex'), { keepBom: true });
    } catch {
      throw new AppError('VALIDATION', 'The query string is not valid UTF-8.');
    }
  });
}

function strictUtf8(bytes: Uint8Array, { keepBom }: { keepBom: boolean }): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
}
