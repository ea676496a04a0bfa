import { blockPartners } from '../users/block-partners';

export const userRoom = (userId: string) => `user:${userId}`;
export const chatRoom = (chatId: string) => `chat:${chatId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The user rooms of `userId`'s block partners: what a live event of theirs leaves out. */
export async function blockPartnerRooms(userId: string): Promise<string[]> {
  return (await blockPartners(userId)).map(userRoom);
}
