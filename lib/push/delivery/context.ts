import type https from 'node:https';
import type { Logger } from 'pino';
import type { Env } from '../../env';
import type { VapidKeys } from '../config';
import type { FocusStore } from '../focus';
import type { PushQueue } from '../queue/types';
import type { PushStats } from '../stats';

/** What the push worker's steps share in one process. */
export interface PushContext {
  env: Env;
  vapid: VapidKeys;
  queue: PushQueue;
  stats: PushStats;
  focus: FocusStore;
  agent: https.Agent;
  log: Logger;
}
