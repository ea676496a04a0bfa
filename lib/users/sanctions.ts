// What a moderator's sanctions mean for the person: a mute refuses sends and
// edits, a suspension or ban refuses sign-in, each saying why and until when.
import { db } from '../db';
import { AppError } from '../errors';

export interface SanctionState {
  suspendedUntil: Date | null;
  bannedAt: Date | null;
  sanctionReason: string | null;
}

// The server does not know the person's time zone: UTC, said so, in words.
const UNTIL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Sat 5 Dec 2026, 14:00 UTC": when a sanction ends, as the person reads it. */
export function untilText(date: Date): string {
  return `${UNTIL.format(date)} UTC`;
}

/** The refusal a suspended or banned account gets at sign-in, or null when it may sign in. */
export function signInRefusal(state: SanctionState, now = new Date()): AppError | null {
  const reason = state.sanctionReason ? ` Reason: ${state.sanctionReason}` : '';
  if (state.bannedAt) {
    return new AppError('ACCOUNT_SUSPENDED', `This account has been banned.${reason}`);
  }
  if (state.suspendedUntil && state.suspendedUntil > now) {
    return new AppError(
      'ACCOUNT_SUSPENDED',
      `This account is suspended until ${untilText(state.suspendedUntil)}.${reason}`,
    );
  }
  return null;
}

/** The refusal of a send or edit while a moderator's mute lasts. */
export function mutedError(until: Date, reason: string | null): AppError {
  const why = reason ? ` Reason: ${reason}` : '';
  return new AppError('MUTED', `You cannot send messages until ${untilText(until)}.${why}`);
}

/** Throws MUTED while the user is muted. */
export async function assertNotMuted(userId: string): Promise<void> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { mutedUntil: true, sanctionReason: true },
  });
  if (user?.mutedUntil && user.mutedUntil > new Date()) throw mutedError(user.mutedUntil, user.sanctionReason);
}
