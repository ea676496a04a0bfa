// Blocking: one person stops another, silently. While a block stands, in
// either direction, the two cannot open a direct chat, nothing more is sent
// in the one they have (403 BLOCKED), its live events (typing, receipts,
// messages) stop reaching them, and the blocked person no longer finds the
// blocker in people search. The blocked person is never told.
import { noSuchUser } from '../chat/rules/access';
import { isId } from '../chat/store/ids';
import type { DbClient } from '../chat/store/sql';
import { db } from '../db';
import { AppError } from '../errors';
import { announce } from '../events/bus';
import { COST, spend } from '../user-budget';
import { forgetBlockPartners } from './block-partners';
import type { PublicUser } from './dto';

export interface BlockDto {
  user: PublicUser;
  createdAt: string;
}

/** Who blocks whom between two people: `first` blocks `second`, and the other way. */
export interface BlockState {
  firstBlocks: boolean;
  secondBlocks: boolean;
}

export async function blockState(
  first: string,
  second: string,
  client: DbClient = db(),
): Promise<BlockState> {
  const rows = await client.$queryRaw<Array<{ blockerId: string }>>`
    SELECT "blockerId" FROM "UserBlock"
    WHERE ("blockerId", "blockedId") IN ((${first}::uuid, ${second}::uuid), (${second}::uuid, ${first}::uuid))`;
  return {
    firstBlocks: rows.some((r) => r.blockerId === first),
    secondBlocks: rows.some((r) => r.blockerId === second),
  };
}

/** The pair's direct chat, if they have one. */
async function directChatOf(a: string, b: string): Promise<string | null> {
  const chat = await db().chatSession.findUnique({
    where: { directKey: [a, b].sort().join(':') },
    select: { id: true },
  });
  return chat?.id ?? null;
}

/** Blocks `targetUserId`; blocking again changes nothing (created: false). */
export async function blockUser({
  userId,
  targetUserId,
  origin,
}: {
  userId: string;
  targetUserId: string;
  origin?: string;
}): Promise<{ block: BlockDto; created: boolean }> {
  await spend(userId, 'write', COST.block);
  const target = targetUserId.toLowerCase();
  if (target === userId) throw new AppError('VALIDATION', 'userId: You cannot block yourself.');
  const user = await db().user.findUnique({
    where: { id: target },
    select: { id: true, name: true, avatarUrl: true },
  });
  if (!user) throw noSuchUser();
  const [inserted] = await db().$queryRaw<Array<{ createdAt: Date }>>`
    INSERT INTO "UserBlock" ("blockerId", "blockedId") VALUES (${userId}::uuid, ${target}::uuid)
    ON CONFLICT DO NOTHING RETURNING "createdAt"`;
  const row =
    inserted ??
    (await db().userBlock.findUniqueOrThrow({
      where: { blockerId_blockedId: { blockerId: userId, blockedId: target } },
      select: { createdAt: true },
    }));
  if (inserted) {
    forgetBlockPartners(userId, target);
    const directChatId = await directChatOf(userId, target);
    announce({
      type: 'block.added',
      actor: { userId, origin },
      blockerId: userId,
      blockedId: target,
      directChatId,
    });
  }
  return { block: { user, createdAt: row.createdAt.toISOString() }, created: inserted !== undefined };
}

/** Lifts the caller's block of `targetUserId`; 404 when there is none. */
export async function unblockUser({
  userId,
  targetUserId,
  origin,
}: {
  userId: string;
  targetUserId: string;
  origin?: string;
}): Promise<void> {
  await spend(userId, 'write', COST.block);
  if (!isId(targetUserId)) throw notBlocked();
  const target = targetUserId.toLowerCase();
  const { count } = await db().userBlock.deleteMany({ where: { blockerId: userId, blockedId: target } });
  if (count === 0) throw notBlocked();
  forgetBlockPartners(userId, target);
  // Their direct chat comes back to life only if the other person does not block the caller.
  const { secondBlocks } = await blockState(userId, target);
  const directChatId = secondBlocks ? null : await directChatOf(userId, target);
  announce({
    type: 'block.removed',
    actor: { userId, origin },
    blockerId: userId,
    blockedId: target,
    directChatId,
  });
}

/** The people the caller blocks, most recent first. */
export async function listBlocks({ userId }: { userId: string }): Promise<BlockDto[]> {
  await spend(userId, 'read', COST.list);
  const rows = await db().userBlock.findMany({
    where: { blockerId: userId },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, blocked: { select: { id: true, name: true, avatarUrl: true } } },
  });
  return rows.map((r) => ({ user: r.blocked, createdAt: r.createdAt.toISOString() }));
}

function notBlocked(): AppError {
  return new AppError('NOT_FOUND', 'You do not block this person.');
}
