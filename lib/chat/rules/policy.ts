// Who may do what to whom, in one place, so safety rules (blocking, privacy
// settings) have a single place to go.
import { db } from '../../db';
import { env } from '../../env';
import { AppError } from '../../errors';
import { noSuchUser } from './access';

export type Verdict = { allowed: true } | { allowed: false; error: AppError };

/**
 * May `fromUserId` open a direct chat with `toUserId`? Today: both exist and
 * differ. A refusal for any other reason (a block, later) must read like an
 * unknown user, so it does not tell the caller they were blocked.
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
  const target = await db().user.findUnique({ where: { id: toUserId }, select: { id: true } });
  if (!target) return { allowed: false, error: noSuchUser() };
  return { allowed: true };
}

/** Groups are capped at GROUP_MAX_PARTICIPANTS people, creator included (400 beyond). */
export function assertGroupSize(participantCount: number): void {
  const max = env().GROUP_MAX_PARTICIPANTS;
  if (participantCount > max) {
    throw new AppError('VALIDATION', `A group can have at most ${max} participants, you included.`);
  }
}
