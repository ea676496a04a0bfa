// SQL composition for the chat services' raw queries. Values always travel as
// bind parameters; these helpers only splice fragments together.
// They come from Prisma's runtime rather than the generated client: Next keeps
// @prisma/client external, so route handlers share the server's instance and
// nothing of the generated client is bundled into them.
import { sqltag } from '@prisma/client/runtime/client';
import type { Prisma } from '../generated/prisma/client';

export { empty, join, sqltag as sql, type Sql } from '@prisma/client/runtime/client';

/** The shared client or the client of an interactive transaction. */
export type DbClient = Prisma.TransactionClient;

/**
 * The database clock as UTC wall time: timestamp columns have no zone and
 * Prisma writes UTC into them, whatever the server's TimeZone setting.
 */
export const NOW = sqltag`(now() AT TIME ZONE 'UTC')`;

/**
 * A unique-constraint violation, from Prisma's model API (P2002) or from a
 * raw query (P2010 wrapping the driver adapter's UniqueConstraintViolation).
 */
export function isUniqueConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  if (code === 'P2002') return true;
  return code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** Escapes LIKE's wildcards so user text matches literally (backslash is LIKE's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
