import type { PushJob } from '../queue/types';
import type { PushContext } from './context';
import { deliver } from './deliver';
import { fanOutMessage } from './fan-out-message';
import { fanOutRead } from './fan-out-read';

/** Handles one job of the push queue. */
export function handlePushJob(ctx: PushContext, job: PushJob): Promise<void> {
  switch (job.kind) {
    case 'message':
      return fanOutMessage(ctx, job);
    case 'read':
      return fanOutRead(ctx, job);
    case 'deliver':
      return deliver(ctx, job);
  }
}
