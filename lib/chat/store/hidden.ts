// Delete for me (lib/chat/hide-message.ts): the condition every read of a
// person's own view adds, so what they hid stays out of it.
import { sql, type Sql } from './sql';

/** `AND` the message `messageId` (an SQL expression) is not hidden by `userId`. */
export function notHiddenFrom(userId: string | Sql, messageId: Sql): Sql {
  const user = typeof userId === 'string' ? sql`${userId}::uuid` : userId;
  return sql`AND NOT EXISTS (SELECT 1 FROM "HiddenMessage" h WHERE h."userId" = ${user} AND h."messageId" = ${messageId})`;
}
