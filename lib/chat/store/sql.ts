// SQL composition for the chat services' raw queries. Values always travel as
// bind parameters; these helpers only splice fragments together.
// They come from Prisma's runtime rather than the generated client: Next keeps
// @prisma/client external, so route handlers share the server's instance and
// nothing of the generated client is bundled into them.
import { sqltag } from '@prisma/client/runtime/client';
import type { Prisma } from '../../generated/prisma/client';

export { empty, join, sqltag as sql, type Sql } from '@prisma/client/runtime/client';

/** The shared client or the client of an interactive transaction. */
export type DbClient = Prisma.TransactionClient;

/**
 * The database clock as UTC wall time: timestamp columns have no zone and
 * Prisma writes UTC into them, whatever the server's TimeZone setting.
 */
export const NOW = sqltag`(now() AT TIME ZONE 'UTC')`;

/** Escapes LIKE's wildcards so user text matches literally (backslash is LIKE's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
