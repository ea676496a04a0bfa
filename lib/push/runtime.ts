// The push machinery of this process, set up by startPush (lib/push/start.ts)
// and read by the route handlers, which Next bundles apart from server.ts:
// hence the process's shared state. Unset means push is off.
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { processSlot } from '../process-state';
import type { FocusStore } from './focus';
import { memoryFocusStore } from './focus';
import type { PushQueue } from './queue/types';
import type { PushStats } from './stats';

export interface PushRuntime {
  publicKey: string;
  queue: PushQueue;
  stats: PushStats;
  /** Subscribe and unsubscribe calls per person per hour. */
  changes: RateLimiterAbstract;
}

const slot = processSlot<PushRuntime>('push');
const focusSlot = processSlot<FocusStore>('pushFocus');

export function setPushRuntime(runtime: PushRuntime | undefined): void {
  slot.set(runtime);
}

export function pushRuntime(): PushRuntime | undefined {
  return slot.get();
}

/** Which tabs are visible and focused; in memory until a start with Redis shares it. */
export function focusStore(): FocusStore {
  return focusSlot.use(memoryFocusStore);
}

export function setFocusStore(store: FocusStore | undefined): void {
  focusSlot.get()?.stop();
  focusSlot.set(store);
}

export const memoryChangeLimiter = (perHour: number): RateLimiterAbstract =>
  new RateLimiterMemory({ points: perHour, duration: 3600, keyPrefix: 'push-changes' });
