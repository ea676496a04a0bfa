// Hostile input for the input tests: text PostgreSQL cannot store (NUL, lone
// UTF-16 surrogates) next to text it must store exactly (RTL overrides,
// emoji), numbers past int4 and past 2^53, timestamps outside 1970–9999, and
// tampered cursors. Oracles here are written apart from lib/validations so a
// test can catch the schemas being wrong.
import fc from 'fast-check';

export const NUL = '\u0000';
export const LONE_HIGH = '\uD800';
export const LONE_LOW = '\uDFFF';
/** RIGHT-TO-LEFT OVERRIDE: legal text, to be stored exactly as sent. */
export const RTL = '\u202E';
export const INT4_MAX = 2_147_483_647;

/** True when the text cannot be stored exactly: a NUL or an unpaired surrogate. */
export function unstorable(text: string): boolean {
  return text.includes(NUL) || !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** A cursor as the server writes them (base64url JSON), with whatever position we like. */
export function cursorOf(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

const special = fc.constantFrom(
  NUL,
  LONE_HIGH,
  LONE_LOW,
  RTL,
  '\u202D',
  '\u2066',
  '\uFEFF',
  '\uFFFD',
  '👋🏽',
  'ש',
  '\n',
  '%',
  '_',
);

/**
 * Text built from ordinary words with hostile characters spliced in. About
 * half the cases are storable (RTL overrides, BOMs, emoji), half are not.
 */
export function hostileText({ minLength = 1, maxLength = 40 } = {}): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
        // Any code point, halves of surrogate pairs included.
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
        { weight: 2, arbitrary: special },
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((parts) => `w${parts.join('')}`)
    .filter((s) => s.length >= minLength && s.length <= maxLength);
}

/** Text that must be accepted and stored exactly: RTL overrides and friends, never NUL or a lone surrogate. */
export function storableHostileText(): fc.Arbitrary<string> {
  return hostileText().filter((s) => !unstorable(s));
}

/** Numbers where a whole number between 0 and 2^31−1 belongs. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    -(2 ** 31),
    0.5,
    1.5,
    INT4_MAX + 1,
    2 ** 32,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    Number.MIN_VALUE,
  ),
  fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);

/** Whole numbers in range, including both ends. */
export const int4: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, INT4_MAX),
  fc.integer({ min: 0, max: INT4_MAX }),
);

/** Query-string renderings of numbers, good and bad. */
export const hostileQueryNumber: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map(String),
  int4.map(String),
  fc.constantFrom(
    '',
    ' ',
    '1e3',
    '0x10',
    '+1',
    '-0',
    '01',
    '1.0',
    '٣',
    '9'.repeat(400),
    `1${NUL}`,
    'NaN',
    'Infinity',
  ),
);

/** ISO-looking timestamps, most outside 1970–9999 or not real dates. */
export const hostileTime: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00.000Z',
    '0001-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '10000-01-01T00:00:00Z',
    '+010000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '2024-02-30T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01',
    `2024-01-01T00:00:00Z${NUL}`,
    'yesterday',
  ),
  fc
    .date({ min: new Date(-62_167_219_200_000), max: new Date(253_402_300_799_999), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** True for a timestamp the API accepts: ISO 8601 in UTC, a real date, years 1970–9999. */
export function acceptableTime(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return false;
  // Date rolls 2023-02-29 over to March 1st; a real date reads back the same.
  return year >= 1970 && year <= 9999 && date.toISOString().slice(0, 10) === text.slice(0, 10);
}

/** Tampered cursors: valid base64url JSON of wrong positions, and junk. */
export function hostileCursor(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.record(fields).map(cursorOf),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(NUL, cursorOf(null), cursorOf([]), '%%%', 'e30'),
  );
}

/** Values of any kind where a field of a body belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText(),
  hostileNumber,
  int4,
  hostileTime,
  fc.constantFrom(null, true, '', ' ', [], {}, [NUL], { [NUL]: NUL }),
  fc.uuid(),
);

/** Percent-encoded bytes that are not UTF-8, or are but spell NUL or an RTL override. */
/**
 * Each field from its own generator (marked `own`) three times in four, a
 * hostile value otherwise: a payload whose fields are all `own` is valid
 * whenever its text can be stored.
 */
export function taggedFields(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, { value: unknown; own: boolean }>> {
  const tagged = Object.fromEntries(
    Object.entries(fields).map(([name, arb]) => [
      name,
      fc.oneof(
        { weight: 3, arbitrary: arb.map((value) => ({ value, own: true })) },
        { weight: 1, arbitrary: hostileValue.map((value) => ({ value, own: false })) },
      ),
    ]),
  );
  return fc.record(tagged);
}

export const rawQueryValue = fc.constantFrom(
  '%FF',
  '%C3',
  '%ED%A0%80',
  '%F0%9F',
  '%00',
  '%E2%80%AE',
  '%',
  '%zz',
);

/** A query string from decoded values, and raw ones sent as they are. */
export function queryString(params: Record<string, string | { raw: string }>): string {
  return Object.entries(params)
    .map(([name, value]) =>
      typeof value === 'string'
        ? new URLSearchParams({ [name]: value }).toString()
        : `${encodeURIComponent(name)}=${value.raw}`,
    )
    .join('&');
}

/** A query value: text, numbers, times, or raw bytes. */
export const hostileQueryValue: fc.Arbitrary<string | { raw: string }> = fc.oneof(
  hostileText({ minLength: 0 }),
  hostileQueryNumber,
  hostileTime,
  rawQueryValue.map((raw) => ({ raw })),
  fc
    .tuple(fc.string({ maxLength: 4 }), rawQueryValue)
    .map(([a, raw]) => ({ raw: `${encodeURIComponent(a)}${raw}` })),
);

/** A path segment where an id belongs: its UTF-8 bytes percent-encoded (a lone surrogate goes as U+FFFD). */
export const hostilePathId: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  hostileText().map((s) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  rawQueryValue,
);

/** JSON bodies whose bytes are not UTF-8, or are not JSON at all. */
export const hostileBodyBytes: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom('{"content":"', '{"name":"', '{"q":"', '{"email":"'),
      fc.uint8Array({ minLength: 1, maxLength: 6 }),
    )
    .map(([head, bytes]) => Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from('"}')])),
);
