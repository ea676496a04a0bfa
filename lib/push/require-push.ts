import { AppError } from '../errors';
import { pushRuntime, type PushRuntime } from './runtime';

/** The push machinery, or the 404 every push endpoint answers on a server without push. */
export function requirePush(): PushRuntime {
  const runtime = pushRuntime();
  if (!runtime) throw new AppError('NOT_FOUND', 'Push notifications are not set up on this server.');
  return runtime;
}

/** Counts one subscribe or unsubscribe call; past PUSH_SUBSCRIPTION_CHANGES_PER_HOUR, 429. */
export async function spendSubscriptionChange(runtime: PushRuntime, userId: string): Promise<void> {
  try {
    await runtime.changes.consume(userId);
  } catch (error) {
    // Not instanceof: the limiter comes from the server's copy of the library.
    if (typeof error !== 'object' || error === null || !('msBeforeNext' in error)) throw error;
    const seconds = Math.max(1, Math.ceil(Number(error.msBeforeNext) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new AppError(
      'RATE_LIMITED',
      `Too many subscription changes: try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      seconds,
    );
  }
}
