// Group commit for sends. Each message on its own costs a statement plan, a
// round trip and a commit, and on two cores that caps a server near a
// thousand messages a second. Here sends that arrive while others are being
// written wait and go together as one statement (insert-message.ts).
// A quiet server still writes each message at once, alone; a busy one writes
// larger batches, so throughput grows with load instead of the queue.
// One queue per process, in its shared state: REST sends (Next's bundle)
// and socket sends (server.ts) go into the same batches.
import { preparedQuery } from '../../db/prepared';
import { processSlot } from '../../process-state';
import {
  insertMessageBatchSql,
  outcomesOf,
  type InsertMessageOptions,
  type InsertOutcome,
  type OutcomeRow,
} from './insert-message';

/** Batches written at the same time; the rest of the pool stays for reads. */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 200;

interface Job {
  item: InsertMessageOptions;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Job[];
  inFlight: number;
  scheduled: boolean;
  /** sender|clientMessageId of every send in a batch being written. */
  writingKeys: Set<string>;
}

const slot = processSlot<Queue>('sendQueue');
const queue = () => slot.use(() => ({ waiting: [], inFlight: 0, scheduled: false, writingKeys: new Set() }));

/** insertMessage, written together with the sends around it. Same outcomes, same errors. */
export function queueInsertMessage(item: InsertMessageOptions): Promise<InsertOutcome> {
  return new Promise((resolve, reject) => {
    queue().waiting.push({ item, resolve, reject });
    schedule();
  });
}

function schedule(): void {
  const q = queue();
  if (q.scheduled || q.inFlight >= MAX_IN_FLIGHT || q.waiting.length === 0) return;
  q.scheduled = true;
  // After the current I/O callbacks, so sends parsed from the same reads share a batch.
  setImmediate(() => {
    q.scheduled = false;
    while (q.inFlight < MAX_IN_FLIGHT && q.waiting.length > 0) {
      const { batch, keys } = take(q);
      // Everything left is a retry of a send being written: it goes after that write.
      if (batch.length === 0) break;
      q.inFlight++;
      void write(batch).finally(() => {
        q.inFlight--;
        for (const key of keys) q.writingKeys.delete(key);
        schedule();
      });
    }
  });
}

/**
 * The next batch, in arrival order. A retry of a send that is in this batch
 * or in one being written (same sender and clientMessageId) waits until that
 * write has finished, and then finds the first copy stored. Written side by
 * side, the two would race, and the retry could be the one stored.
 */
function take(q: Queue): { batch: Job[]; keys: string[] } {
  const batch: Job[] = [];
  const keys: string[] = [];
  const rest: Job[] = [];
  for (const job of q.waiting) {
    const key = job.item.clientMessageId ? `${job.item.senderId}|${job.item.clientMessageId}` : undefined;
    if (batch.length >= MAX_BATCH || (key && q.writingKeys.has(key))) {
      rest.push(job);
      continue;
    }
    if (key) {
      q.writingKeys.add(key);
      keys.push(key);
    }
    batch.push(job);
  }
  q.waiting = rest;
  return { batch, keys };
}

/** One statement for the batch, prepared on PostgreSQL. */
async function insertBatch(items: InsertMessageOptions[]): Promise<InsertOutcome[]> {
  return outcomesOf(await preparedQuery<OutcomeRow>(insertMessageBatchSql(items), 'sendBatch'));
}

async function write(batch: Job[]): Promise<void> {
  if (batch.length > 1) {
    try {
      const outcomes = await insertBatch(batch.map((job) => job.item));
      batch.forEach((job, i) => job.resolve(outcomes[i] as InsertOutcome));
      return;
    } catch {
      // The batch rolled back whole (a concurrent twin of one send, say):
      // each send alone then gets its own outcome or its own error.
    }
  }
  await Promise.all(
    batch.map((job) =>
      insertBatch([job.item]).then((outcomes) => job.resolve(outcomes[0] ?? { kind: 'not_member' }), job.reject),
    ),
  );
}
