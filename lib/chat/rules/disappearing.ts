// Disappearing-message timers: which a chat may choose, and how they read.
import { env } from '../../env';
import { AppError } from '../../errors';

export { describeTimer } from './timer-words';

/** The timers a chat may choose besides off (DISAPPEARING_TIMERS), shortest first. */
export function disappearingTimers(): number[] {
  return [...new Set(env().DISAPPEARING_TIMERS)].sort((a, b) => a - b);
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
