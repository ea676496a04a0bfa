import type { MessageRow } from '../dto/mappers';
import { NOW, type DbClient } from './sql';

/**
 * Turns messages into tombstones: same id and seq, content '', no mentions, no
 * attachments, deletedAt set, so history keeps its shape. Their uploads are
 * marked deleted in the same statement, so their media stops being served
 * the moment the message is gone (lib/media removes the bytes later), and
 * their reactions go with them.
 * Returns those it changed; one already deleted is left as it is.
 */
export function tombstoneMessages(client: DbClient, ids: string[]): Promise<MessageRow[]> {
  return client.$queryRaw<MessageRow[]>`
    WITH gone AS (
      UPDATE "ChatMessage"
      SET content = '', attachments = NULL, mentions = NULL, "deletedAt" = ${NOW}, "updatedAt" = ${NOW}
      WHERE id = ANY(${ids}::uuid[]) AND "deletedAt" IS NULL
      RETURNING *
    ), uploads AS (
      UPDATE "Upload" SET "deletedAt" = ${NOW}
      WHERE "messageId" IN (SELECT id FROM gone) AND "deletedAt" IS NULL
    ), reactions AS (
      DELETE FROM "MessageReaction" WHERE "messageId" IN (SELECT id FROM gone)
    )
    SELECT * FROM gone`;
}

/**
 * Marks every upload of chats about to be deleted (attachments, unsent
 * uploads, a group's photos) deleted, before the rows that point to them
 * go: once the chat is gone their chatId and messageId are null.
 */
export async function retireChatUploads(client: DbClient, chatIds: string[]): Promise<void> {
  if (chatIds.length === 0) return;
  await client.$executeRaw`
    UPDATE "Upload" SET "deletedAt" = ${NOW}
    WHERE "chatId" = ANY(${chatIds}::uuid[]) AND "deletedAt" IS NULL`;
}
