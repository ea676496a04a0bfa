// Matches: two people the host product paired (a dating match, a mentor and
// mentee, a buyer and seller). With DM_POLICY=matched only matched people
// may open a direct chat, and people search finds only your matches. The
// host product records them as a platform admin (POST/DELETE
// /api/v1/admin/matches); closing (unmatching) a direct chat removes the match.
import { noSuchUser } from '../chat/rules/access';
import { db } from '../db';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { loadChat } from '../chat/store/load-chat';
import { recordAudit } from '../moderation/audit';
import { blockState } from './blocks';
import { requirePlatformRole } from './platform-role';

export interface MatchDto {
  userIdA: string;
  userIdB: string;
  createdAt: string;
}

/** The pair in the order rows store it: smaller id first. */
export function matchKey(first: string, second: string): { userAId: string; userBId: string } {
  const [userAId, userBId] = [first.toLowerCase(), second.toLowerCase()].sort() as [string, string];
  return { userAId, userBId };
}

export async function isMatched(first: string, second: string): Promise<boolean> {
  const row = await db().userMatch.findUnique({ where: { userAId_userBId: matchKey(first, second) } });
  return row !== null;
}

function samePerson(): AppError {
  return new AppError('VALIDATION', 'userIdB: A person cannot be matched with themselves.');
}

/**
 * Records a match (201; 200 when it already stood). Matching two people
 * again after one of them closed their direct chat opens that chat again.
 */
export async function addMatch({
  actorId,
  userIdA,
  userIdB,
}: {
  actorId: string;
  userIdA: string;
  userIdB: string;
}): Promise<{ match: MatchDto; created: boolean }> {
  await requirePlatformRole(actorId, 'ADMIN');
  const key = matchKey(userIdA, userIdB);
  if (key.userAId === key.userBId) throw samePerson();
  const found = await db().user.count({ where: { id: { in: [key.userAId, key.userBId] } } });
  if (found !== 2) throw noSuchUser();
  return inTransaction(async (tx, events) => {
    const [inserted] = await tx.$queryRaw<Array<{ createdAt: Date }>>`
      INSERT INTO "UserMatch" ("userAId", "userBId") VALUES (${key.userAId}::uuid, ${key.userBId}::uuid)
      ON CONFLICT DO NOTHING RETURNING "createdAt"`;
    const row =
      inserted ??
      (await tx.userMatch.findUniqueOrThrow({
        where: { userAId_userBId: key },
        select: { createdAt: true },
      }));
    if (inserted) {
      await recordAudit(tx, { actorId, action: 'match.added', details: { ...key } });
      const [reopened] = await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "ChatSession" SET "closedAt" = NULL, "closedById" = NULL
        WHERE "directKey" = ${`${key.userAId}:${key.userBId}`} AND "closedAt" IS NOT NULL
        RETURNING id`;
      if (reopened) {
        // With a block between them the chat stays quiet; unblocking brings its events back.
        const { firstBlocks, secondBlocks } = await blockState(key.userAId, key.userBId, tx);
        if (!firstBlocks && !secondBlocks) {
          const chat = await loadChat(tx, reopened.id);
          // chat_created joins both people's sockets to the room again and brings it back to their lists.
          events.push({ type: 'chat.created', actor: { userId: actorId }, chat });
        }
      }
    }
    return {
      match: { userIdA: key.userAId, userIdB: key.userBId, createdAt: row.createdAt.toISOString() },
      created: inserted !== undefined,
    };
  });
}

/** Removes a match (204); 404 when there is none. Their direct chat, if any, stays as it is. */
export async function removeMatch({
  actorId,
  userIdA,
  userIdB,
}: {
  actorId: string;
  userIdA: string;
  userIdB: string;
}): Promise<void> {
  await requirePlatformRole(actorId, 'ADMIN');
  const key = matchKey(userIdA, userIdB);
  await inTransaction(async (tx) => {
    const { count } = await tx.userMatch.deleteMany({ where: key });
    if (count === 0) throw new AppError('NOT_FOUND', 'These two people are not matched.');
    await recordAudit(tx, { actorId, action: 'match.removed', details: { ...key } });
  });
}
