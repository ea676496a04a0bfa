import type { MessageRow } from '../dto/mappers';
import { NOW, type DbClient } from './sql';

/**
 * Turns messages into tombstones: same id and seq, content '', no
 * attachments, deletedAt set, so history keeps its shape. Returns those it
 * changed; one already deleted is left as it is.
 */
export function tombstoneMessages(client: DbClient, ids: string[]): Promise<MessageRow[]> {
  return client.$queryRaw<MessageRow[]>`
    UPDATE "ChatMessage"
    SET content = '', attachments = NULL, "deletedAt" = ${NOW}, "updatedAt" = ${NOW}
    WHERE id = ANY(${ids}::uuid[]) AND "deletedAt" IS NULL
    RETURNING *`;
}
