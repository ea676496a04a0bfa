import { db } from '../db';
import { requireParticipant } from './rules/access';
import type { ChatDto } from './dto';
import { loadChat } from './store/load-chat';
import { COST, spend } from '../user-budget';
import { asSeenBy } from '../users/privacy';

/** A chat the caller takes part in now; 404 otherwise, never revealing that it exists. */
export async function getChat({ userId, chatId }: { userId: string; chatId: string }): Promise<ChatDto> {
  await spend(userId, 'read', COST.read);
  await requireParticipant(db(), chatId, userId);
  const chat = await loadChat(db(), chatId);
  const [shown] = await asSeenBy(userId, [chat]);
  return shown ?? chat;
}
