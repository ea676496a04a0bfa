import { db } from '../db';
import { requireVisibleMessage } from './rules/access';
import type { MessageDto } from './dto';
import { toMessageDto } from './dto/mappers';
import { withReactionsOne } from './store/reactions';
import { COST, spend } from '../user-budget';

/**
 * One message of a chat the caller takes part in now, tombstones included
 * (a reply's quote must say its original was deleted). 404 otherwise, the
 * same answer edit and delete give, so ids cannot be probed.
 */
export async function getMessage({
  userId,
  messageId,
}: {
  userId: string;
  messageId: string;
}): Promise<MessageDto> {
  await spend(userId, 'read', COST.read);
  return withReactionsOne(
    db(),
    userId,
    toMessageDto(await requireVisibleMessage(db(), { messageId, userId })),
  );
}
