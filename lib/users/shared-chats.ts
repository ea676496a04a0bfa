import { db } from '../db';
import { AppError } from '../errors';
import { COST, spend } from '../user-budget';
import { getUserProfile } from './get-user-profile';
import type { SharedChatDto } from './dto';

/** Shared chats listed at most; a profile card shows a few. */
const SHARED_CHATS_MAX = 100;

/**
 * The chats the caller and `userId` are both current members of, latest
 * activity first: the caller's direct chat with them and the groups they
 * share. Nothing about any other chat of theirs. 404 as for the profile.
 */
export async function sharedChats({
  viewerId,
  userId,
}: {
  viewerId: string;
  userId: string;
}): Promise<SharedChatDto[]> {
  await spend(viewerId, 'read', COST.read);
  await getUserProfile({ viewerId, userId });
  if (userId.toLowerCase() === viewerId.toLowerCase()) {
    throw new AppError('VALIDATION', 'These are your own chats: the chat list shows them.');
  }
  return db().$queryRaw<SharedChatDto[]>`
    SELECT s.id, s.type::text AS type, s.name, s."avatarUrl",
           (SELECT count(*)::int FROM "ChatParticipant" c WHERE c."chatId" = s.id AND c."leftAt" IS NULL)
             AS "participantCount"
    FROM "ChatParticipant" me
    JOIN "ChatParticipant" them ON them."chatId" = me."chatId" AND them."userId" = ${userId}::uuid
      AND them."leftAt" IS NULL
    JOIN "ChatSession" s ON s.id = me."chatId"
    WHERE me."userId" = ${viewerId}::uuid AND me."leftAt" IS NULL
    ORDER BY COALESCE(s."lastMessageAt", s."createdAt") DESC, s.id DESC
    LIMIT ${SHARED_CHATS_MAX}`;
}
