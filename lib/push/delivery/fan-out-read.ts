// Read on one device → the chat's notification closes on the others. Only
// when a push told this person about a message they have now read past
// (pushedSeq): most reads happen with no notification out, and send nothing.
// Clearing pushedSeq is one conditional UPDATE, so however many processes
// see reads at once, one of them sends the update.
import { sql } from '../../chat/store/sql';
import { db } from '../../db';
import { readPush } from '../rules/payload';
import type { PushContext } from './context';
import { mustShowEveryPush, queuePushes, subscriptionsOf } from './queue-pushes';
import { badgesOf, unreadIn } from './unread';

export async function fanOutRead(
  ctx: PushContext,
  { chatId, userId, upToSeq }: { chatId: string; userId: string; upToSeq: number },
): Promise<void> {
  const cleared = await db().$executeRaw(sql`
    UPDATE "ChatParticipant" SET "pushedSeq" = NULL
    WHERE "chatId" = ${chatId}::uuid AND "userId" = ${userId}::uuid
      AND "pushedSeq" IS NOT NULL AND "pushedSeq" <= ${upToSeq}`);
  if (cleared === 0) return;
  const [unread, badges, subscriptions] = await Promise.all([
    unreadIn(chatId, userId),
    badgesOf([userId]),
    subscriptionsOf([userId]),
  ]);
  await queuePushes(
    ctx,
    subscriptions,
    (s) =>
      readPush({ chatId, unread, badge: badges.get(userId) ?? 0, mustShow: mustShowEveryPush(s.endpoint) }),
    (s) => `r:${chatId}:${userId}:${upToSeq}:${s.id}`,
  );
}
