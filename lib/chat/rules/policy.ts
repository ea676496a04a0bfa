// Who may do what to whom, in one place, so safety rules (blocking, privacy
// settings) have a single place to go.
import { db } from '../../db';
import { env } from '../../env';
import { AppError } from '../../errors';
import { blockState } from '../../users/blocks';
import { isMatched } from '../../users/matches';
import { noSuchUser } from './access';

export type Verdict = { allowed: true } | { allowed: false; error: AppError };

/**
 * May `fromUserId` open a direct chat with `toUserId`? Both exist (not erased), differ,
 * neither blocks the other, and with DM_POLICY=matched the host product
 * matched them. Someone the caller blocks is a 403 the caller can act on
 * (unblock); someone who blocks the caller, or who is not their match,
 * reads like an unknown user, so it tells them nothing.
 */
export async function canStartDirectChat({
  fromUserId,
  toUserId,
}: {
  fromUserId: string;
  toUserId: string;
}): Promise<Verdict> {
  if (fromUserId === toUserId) {
    return {
      allowed: false,
      error: new AppError('VALIDATION', 'targetUserId: You cannot start a chat with yourself.'),
    };
  }
  const target = await db().user.findUnique({ where: { id: toUserId }, select: { erasedAt: true } });
  if (!target || target.erasedAt) return { allowed: false, error: noSuchUser() };
  if (env().DM_POLICY === 'matched' && !(await isMatched(fromUserId, toUserId))) {
    return { allowed: false, error: noSuchUser() };
  }
  const { firstBlocks, secondBlocks } = await blockState(fromUserId, toUserId);
  if (secondBlocks) return { allowed: false, error: noSuchUser() };
  if (firstBlocks) {
    return {
      allowed: false,
      error: new AppError('BLOCKED', 'You block this person: unblock them to chat with them.'),
    };
  }
  return { allowed: true };
}

/** Groups are capped at GROUP_MAX_PARTICIPANTS people, creator included (400 beyond). */
export function assertGroupSize(participantCount: number): void {
  const max = env().GROUP_MAX_PARTICIPANTS;
  if (participantCount > max) {
    throw new AppError('VALIDATION', `A group can have at most ${max} participants, you included.`);
  }
}
