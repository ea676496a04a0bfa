// SYSTEM messages: the group's own record of what happened in it ("Ann added
// Bob"). They take a seq like any message, so clients see them in order.
import type { MessageDto } from '../dto';
import { insertMessage } from './insert-message';
import { toMessageDto } from '../dto/mappers';
import type { DbClient } from './sql';

/** Appends a SYSTEM message by `actorId`, who must still be a participant. */
export async function appendSystemMessage(
  tx: DbClient,
  { chatId, actorId, content }: { chatId: string; actorId: string; content: string },
): Promise<MessageDto> {
  const outcome = await insertMessage(tx, { chatId, senderId: actorId, type: 'SYSTEM', content });
  if (outcome.kind !== 'created') throw new Error(`SYSTEM message not stored (${outcome.kind})`);
  return toMessageDto(outcome.row);
}

/**
 * Display names by user id, for the text of SYSTEM messages. `addable`:
 * only people who may be added to a group (erased accounts are left out).
 */
export async function userNames(
  tx: DbClient,
  userIds: string[],
  { addable = false }: { addable?: boolean } = {},
): Promise<Map<string, string>> {
  const users = await tx.user.findMany({
    where: { id: { in: userIds }, ...(addable ? { erasedAt: null } : {}) },
    select: { id: true, name: true },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}
