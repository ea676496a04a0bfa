// Disappearing-message timers: which a chat may choose, and how they read.
import { env } from '../../env';
import { AppError } from '../../errors';

const DAY = 24 * 60 * 60;

/** The timers a chat may choose besides off (DISAPPEARING_TIMERS), shortest first. */
export function disappearingTimers(): number[] {
  return [...new Set(env().DISAPPEARING_TIMERS)].sort((a, b) => a - b);
}

/** "24 hours", "7 days", "90 days", "5 seconds". */
export function describeTimer(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % DAY === 0 && seconds > DAY) return unit(seconds / DAY, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** A value the server offers, or 400 naming the ones it does. */
export function assertOfferedTimer(seconds: number | null): void {
  if (seconds === null || disappearingTimers().includes(seconds)) return;
  const offered = disappearingTimers().join(', ');
  throw new AppError(
    'VALIDATION',
    `disappearAfterSeconds: Choose one of ${offered} seconds, or null to turn disappearing messages off.`,
  );
}
