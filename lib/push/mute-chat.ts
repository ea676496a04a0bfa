// Per-chat mute (WhatsApp's 8 hours, 1 week, always): no pushes from the chat
// until then, and its unread messages leave the app badge. The chat itself
// is unchanged: messages arrive, the list still shows it (marked muted).
import { notInChat } from '../chat/rules/access';
import { isId } from '../chat/store/ids';
import { db } from '../db';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import { MUTED_ALWAYS, muteUntilText, type ChatMuteDto } from './dto';

export async function muteChat({
  userId,
  chatId,
  until,
}: {
  userId: string;
  chatId: string;
  until: string;
}): Promise<ChatMuteDto> {
  await spend(userId, 'write', COST.edit);
  const end = until === 'always' ? MUTED_ALWAYS : new Date(until);
  if (end.getTime() <= Date.now())
    throw new AppError('VALIDATION', 'until: Must be in the future, or "always".');
  if (!isId(chatId)) throw notInChat();
  const { count } = await db().chatParticipant.updateMany({
    where: { chatId, userId, leftAt: null },
    data: { mutedUntil: end },
  });
  if (count === 0) throw notInChat();
  return { chatId: chatId.toLowerCase(), until: muteUntilText(end) };
}

export async function unmuteChat({ userId, chatId }: { userId: string; chatId: string }): Promise<void> {
  await spend(userId, 'write', COST.edit);
  if (!isId(chatId)) throw notInChat();
  const { count } = await db().chatParticipant.updateMany({
    where: { chatId, userId, leftAt: null },
    data: { mutedUntil: null },
  });
  if (count === 0) throw notInChat();
}
