import type { Db } from '@/lib/db';

/** Everything a refused request could have changed, to compare before and after. */
export async function snapshotDb(p: Db) {
  return {
    chats: await p.chatSession.findMany({ orderBy: { id: 'asc' } }),
    participants: await p.chatParticipant.findMany({ orderBy: [{ chatId: 'asc' }, { userId: 'asc' }] }),
    messages: await p.chatMessage.findMany({ orderBy: { id: 'asc' } }),
    reads: await p.messageRead.count(),
  };
}
