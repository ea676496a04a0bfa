export const userRoom = (userId: string) => `user:${userId}`;
export const chatRoom = (chatId: string) => `chat:${chatId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
