// Building blocks for every value that enters, so that what passes
// validation is what the database stores: text PostgreSQL keeps exactly,
// whole numbers that fit its int4 columns, times it can represent. REST
// bodies, query strings, socket payloads and cursors are all made of these.
import { z } from 'zod';

/** The largest seq, limit or count: PostgreSQL's int4. */
export const INT4_MAX = 2_147_483_647;

/**
 * Every character but two: NUL, which PostgreSQL refuses in text (a 500),
 * and an unpaired UTF-16 surrogate, which has no UTF-8 form and would be
 * stored as U+FFFD instead of what was sent. One pattern, so the OpenAPI
 * document can state it.
 */
const STORABLE = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const NOT_STORABLE = 'Text cannot contain the NUL character (U+0000) or unpaired UTF-16 surrogates.';

/** Adds the storable-text check to any string schema (plain text, URLs). */
export function storable<S extends { regex(pattern: RegExp, message: string): S }>(schema: S): S {
  return schema.regex(STORABLE, NOT_STORABLE);
}

/**
 * Text that is stored exactly as sent: anything but the NUL character and
 * unpaired UTF-16 surrogates. RTL overrides, BOMs and the like are text.
 */
export function text(params?: { error?: string }) {
  return storable(z.string(params));
}

/** A whole number from JSON, `min`..2147483647. */
export function int4({ min = 0 }: { min?: number } = {}) {
  return z
    .number({ error: 'Must be a whole number.' })
    .int('Must be a whole number.')
    .min(min, `Must be at least ${min}.`)
    .max(INT4_MAX, `Must be at most ${INT4_MAX}.`);
}

/** The same from a query string, where every value arrives as text. */
export function queryInt4({ min = 0 }: { min?: number } = {}) {
  return z.coerce
    .number({ error: 'Must be a whole number.' })
    .int('Must be a whole number.')
    .min(min, `Must be at least ${min}.`)
    .max(INT4_MAX, `Must be at most ${INT4_MAX}.`);
}

const FIRST_YEAR = 1970;

/**
 * An ISO 8601 time in UTC (`2026-01-31T12:00:00.000Z`), a real calendar
 * date, in the years 1970–9999: year 0000 exists in JavaScript but not in
 * PostgreSQL, and nothing in this system happened before 1970.
 */
export const timestamp = z.iso
  .datetime({ error: 'Must be an ISO 8601 time in UTC, like 2026-01-31T12:00:00.000Z.' })
  .refine((value) => Number(value.slice(0, 4)) >= FIRST_YEAR, {
    message: `Must be a time between the years ${FIRST_YEAR} and 9999.`,
  })
  .describe(`ISO 8601 in UTC, years ${FIRST_YEAR}–9999.`);
