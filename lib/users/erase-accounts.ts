// The erasure of accounts whose deletion grace period has passed
// (./account-deletion.ts). The User row stays as a tombstone named "Deleted
// account", so the chats others still have keep their shape: the person's
// messages stay as tombstones (no content, attachments, preview, mentions or
// reactions), their own reactions go, their profile, settings, blocks,
// matches, notices and presence go, and their media is removed from storage
// at once. Reports keep their frozen evidence, and the media it names.
import { successorIfLastAdmin } from '../chat/leave-chat';
import type { MessageDto, ReactionEventDto } from '../chat/dto';
import { toMessageDto } from '../chat/dto/mappers';
import { notices } from '../chat/rules/notices';
import { lockChat } from '../chat/rules/access';
import { loadChat } from '../chat/store/load-chat';
import { NOW, type DbClient } from '../chat/store/sql';
import { appendSystemMessage } from '../chat/store/system-message';
import { retireChatUploads, tombstoneMessages } from '../chat/store/tombstone';
import { env } from '../env';
import { inTransaction } from '../events/transaction';
import type { DomainEvent } from '../events/types';
import { logger } from '../logger';
import { repeat } from '../repeat';
import { deleteAllExports } from '../exports/delete-export';
import { purgeMedia } from '../media/purge-media';

const DAY_MS = 24 * 60 * 60 * 1000;
/** At most this many accounts a run; the next run goes on. */
const MAX_PER_RUN = 20;

export const DELETED_ACCOUNT_NAME = 'Deleted account';

/**
 * Erases the accounts due at `now` (a clock parameter for tests), one
 * transaction each; returns their ids. Safe with several processes: each
 * account is claimed with FOR UPDATE SKIP LOCKED.
 */
export async function eraseDueAccounts({ now = new Date() }: { now?: Date } = {}): Promise<string[]> {
  const cutoff = new Date(now.getTime() - env().ACCOUNT_DELETION_GRACE_DAYS * DAY_MS);
  const erased: string[] = [];
  for (let i = 0; i < MAX_PER_RUN; i++) {
    const userId = await inTransaction((tx, events) => eraseNext(tx, events, cutoff));
    if (!userId) break;
    erased.push(userId);
  }
  // Their exports' zips and their media go now, not when they would expire (lib/media/purge-media.ts).
  for (const userId of erased) await deleteAllExports(userId);
  if (erased.length > 0) await purgeMedia();
  return erased;
}

async function eraseNext(tx: DbClient, events: DomainEvent[], cutoff: Date): Promise<string | null> {
  // A sign-in cancelling the deletion waits for this lock, then finds the account erased.
  const [due] = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "User"
    WHERE "deletionRequestedAt" <= ${cutoff} AND "erasedAt" IS NULL
    ORDER BY "deletionRequestedAt" LIMIT 1
    FOR UPDATE SKIP LOCKED`;
  if (!due) return null;
  const userId = due.id;
  const actor = { userId: null };

  // Chats nobody else is in any more go whole.
  const alone = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT p."chatId" AS id FROM "ChatParticipant" p
    WHERE p."userId" = ${userId}::uuid AND NOT EXISTS (
      SELECT 1 FROM "ChatParticipant" o
      WHERE o."chatId" = p."chatId" AND o."userId" <> p."userId" AND o."leftAt" IS NULL)`;
  const aloneIds = alone.map((c) => c.id);
  await retireChatUploads(tx, aloneIds);
  await tx.$executeRaw`DELETE FROM "ChatSession" WHERE id = ANY(${aloneIds}::uuid[])`;

  const sent = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "ChatMessage" WHERE "senderId" = ${userId}::uuid AND "deletedAt" IS NULL`;
  const tombstones = await tombstoneMessages(
    tx,
    sent.map((m) => m.id),
  );
  // Earlier deletions kept the fetched link preview; search rows go now rather than at the indexer's pass.
  await tx.$executeRaw`
    UPDATE "ChatMessage" SET "linkPreview" = NULL WHERE "senderId" = ${userId}::uuid AND "linkPreview" IS NOT NULL`;
  await tx.$executeRaw`
    DELETE FROM "ChatMessageSearch" s USING "ChatMessage" m
    WHERE s."messageId" = m.id AND m."senderId" = ${userId}::uuid`;
  const reactions = await tx.$queryRaw<ReactionEventDto[]>`
    WITH gone AS (
      DELETE FROM "MessageReaction" WHERE "userId" = ${userId}::uuid
      RETURNING "chatId", "messageId", emoji, "userId"
    ), touched AS (
      UPDATE "ChatMessage" m SET "updatedAt" = ${NOW} WHERE m.id IN (SELECT "messageId" FROM gone)
    )
    SELECT "chatId", "messageId", emoji, "userId" FROM gone`;

  await eraseProfile(tx, userId);
  const handovers = await handOverGroups(tx, userId);

  events.push(
    ...tombstones.map((row): DomainEvent => ({ type: 'message.deleted', actor, message: toMessageDto(row) })),
    ...reactions.map((reaction): DomainEvent => ({ type: 'reaction.removed', actor, reaction })),
    ...handovers,
    { type: 'credentials.revoked', actor, userId },
  );
  return userId;
}

/** The profile and everything personal beside it; uploads are marked deleted for the purge. */
async function eraseProfile(tx: DbClient, userId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "User" SET name = ${DELETED_ACCOUNT_NAME}, email = 'deleted-' || id || '@deleted.invalid',
      "passwordHash" = '', "avatarUrl" = NULL, bio = NULL, pronouns = NULL, "platformRole" = 'USER',
      "mutedUntil" = NULL, "tokenVersion" = "tokenVersion" + 1, "erasedAt" = ${NOW}, "updatedAt" = ${NOW}
    WHERE id = ${userId}::uuid`;
  // A group's photo belongs to the group, whoever uploaded it.
  await tx.$executeRaw`
    UPDATE "Upload" SET "deletedAt" = ${NOW}
    WHERE "uploaderId" = ${userId}::uuid AND "deletedAt" IS NULL AND NOT (purpose = 'AVATAR' AND "chatId" IS NOT NULL)`;
  await tx.$executeRaw`UPDATE "GroupInvitation" SET "inviterId" = NULL WHERE "inviterId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "UserBlock" WHERE "blockerId" = ${userId}::uuid OR "blockedId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "UserMatch" WHERE "userAId" = ${userId}::uuid OR "userBId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "GroupInvitation" WHERE "inviteeId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "UserPresence" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "PushSubscription" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "NotificationSettings" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "UserSettings" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "HiddenWord" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "HiddenMessage" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "UserNotice" WHERE "userId" = ${userId}::uuid`;
  await tx.$executeRaw`DELETE FROM "AuthSession" WHERE "userId" = ${userId}::uuid`;
  // The read watermarks on ChatParticipant stay: others' ticks still show what was read.
  await tx.$executeRaw`DELETE FROM "MessageRead" WHERE "userId" = ${userId}::uuid`;
}

/**
 * The erased account stays in its groups as "Deleted account", a plain
 * member; where it was the last admin, the longest-standing member becomes
 * admin, as when an admin leaves.
 */
async function handOverGroups(tx: DbClient, userId: string): Promise<DomainEvent[]> {
  const ranked = await tx.$queryRaw<Array<{ chatId: string }>>`
    SELECT p."chatId" FROM "ChatParticipant" p JOIN "ChatSession" s ON s.id = p."chatId"
    WHERE p."userId" = ${userId}::uuid AND p."leftAt" IS NULL AND s.type = 'GROUP' AND p.role <> 'MEMBER'
    ORDER BY p."chatId"`;
  const events: DomainEvent[] = [];
  const actor = { userId: null };
  for (const { chatId } of ranked) {
    await lockChat(tx, chatId);
    const successor = await successorIfLastAdmin(tx, chatId, userId);
    await tx.$executeRaw`
      UPDATE "ChatParticipant" SET role = 'MEMBER' WHERE "chatId" = ${chatId}::uuid AND "userId" = ${userId}::uuid`;
    const written: MessageDto[] = [];
    if (successor) {
      const [row] = await tx.$queryRaw<Array<{ name: string }>>`
        UPDATE "ChatParticipant" p SET role = 'ADMIN' FROM "User" u
        WHERE p."chatId" = ${chatId}::uuid AND p."userId" = ${successor}::uuid AND u.id = p."userId"
        RETURNING u.name`;
      // Told by the erased account, as a leaver tells it: the notice is the group's record.
      const content = notices.promoted(row?.name ?? '');
      written.push(await appendSystemMessage(tx, { chatId, actorId: userId, content }));
    }
    events.push(
      { type: 'chat.updated', actor, chat: await loadChat(tx, chatId) },
      ...written.map((message): DomainEvent => ({ type: 'message.sent', actor, message })),
    );
  }
  return events;
}

/**
 * Erases due accounts now and every ACCOUNT_ERASURE_SWEEP_SECONDS until the
 * returned function is called; it resolves once a run in progress has finished.
 */
export function scheduleErasureOfAccounts(): () => Promise<void> {
  return repeat(
    () =>
      eraseDueAccounts()
        .then((ids) => {
          if (ids.length > 0)
            logger().info({ count: ids.length }, 'erased accounts past their deletion grace period');
        })
        .catch((error: unknown) => logger().error({ err: error }, 'erasing deleted accounts failed')),
    env().ACCOUNT_ERASURE_SWEEP_SECONDS * 1000,
  );
}
