import { db } from '../db';
import { requireParticipant } from './rules/access';
import type { ChatDto } from './dto';
import { loadChat } from './store/load-chat';
import { COST, spend } from '../user-budget';

/** A chat the caller takes part in now; 404 otherwise, never revealing that it exists. */
export async function getChat({ userId, chatId }: { userId: string; chatId: string }): Promise<ChatDto> {
  await spend(userId, 'read', COST.read);
  await requireParticipant(db(), chatId, userId);
  return loadChat(db(), chatId);
}
