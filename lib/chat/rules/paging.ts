// Page sizes and opaque keyset cursors, the same for every list.
import type { z } from 'zod';
import { env } from '../../env';
import { AppError } from '../../errors';

export const DEFAULT_PAGE_SIZE = 50;

/** The page size to use: 50 by default; more than PAGE_MAX_ITEMS is clamped, not refused. */
export function pageSize(limit: number | undefined): number {
  const wanted = limit !== undefined && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_PAGE_SIZE;
  return Math.min(wanted, env().PAGE_MAX_ITEMS);
}

/** Cursors are base64url JSON: opaque to clients, so their shape may change. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string, shape: S): z.infer<S> {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Not base64url JSON: answered below like any other bad cursor.
  }
  throw new AppError(
    'VALIDATION',
    'cursor: Pass the nextCursor of the previous page, or none for the first page.',
  );
}
