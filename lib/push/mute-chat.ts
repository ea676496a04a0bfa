// Per-chat mute (WhatsApp's 8 hours, 1 week, always): no pushes from the chat
// until then, and its unread messages leave the app badge. The chat itself
// is unchanged: messages arrive, the list still shows it (marked muted).
// A mention of the person still notifies, unless the mute covers mentions too.
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
  muteMentions = false,
}: {
  userId: string;
  chatId: string;
  until: string;
  muteMentions?: boolean;
}): Promise<ChatMuteDto> {
  await spend(userId, 'write', COST.edit);
  const end = until === 'always' ? MUTED_ALWAYS : new Date(until);
  if (end.getTime() <= Date.now())
    throw new AppError('VALIDATION', 'until: Must be in the future, or "always".');
  if (!isId(chatId)) throw notInChat();
  const { count } = await db().chatParticipant.updateMany({
    where: { chatId, userId, leftAt: null },
    data: { mutedUntil: end, muteMentions },
  });
  if (count === 0) throw notInChat();
  return { chatId: chatId.toLowerCase(), until: muteUntilText(end), muteMentions };
}

export async function unmuteChat({ userId, chatId }: { userId: string; chatId: string }): Promise<void> {
  await spend(userId, 'write', COST.edit);
  if (!isId(chatId)) throw notInChat();
  const { count } = await db().chatParticipant.updateMany({
    where: { chatId, userId, leftAt: null },
    data: { mutedUntil: null, muteMentions: false },
  });
  if (count === 0) throw notInChat();
}
