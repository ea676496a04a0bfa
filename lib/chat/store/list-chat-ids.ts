import { db } from '../../db';

/** Ids of the chats the user takes part in now (hidden DIRECT chats included: they still receive). */
export async function listChatIds({ userId }: { userId: string }): Promise<string[]> {
  const rows = await db().chatParticipant.findMany({
    where: { userId, leftAt: null },
    select: { chatId: true },
  });
  return rows.map((r) => r.chatId);
}

/** Whether the user takes part in the chat now. */
export async function isParticipant({ userId, chatId }: { userId: string; chatId: string }): Promise<boolean> {
  const row = await db().chatParticipant.findUnique({
    where: { chatId_userId: { chatId, userId } },
    select: { leftAt: true },
  });
  return row !== null && row.leftAt === null;
}

/** The current participants' ids. */
export async function listParticipantIds({ chatId }: { chatId: string }): Promise<string[]> {
  const rows = await db().chatParticipant.findMany({
    where: { chatId, leftAt: null },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
