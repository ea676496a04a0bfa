// Group commit for sends. Each message on its own costs a statement plan, a
// round trip and a commit, and on two cores that caps a server near a
// thousand messages a second. Here sends that arrive while others are being
// written wait and go together as one statement (insert-message.ts).
// A quiet server still writes each message at once, alone; a busy one writes
// larger batches, so throughput grows with load instead of the queue.
// One queue per process, in its shared state: REST sends (Next's bundle)
// and socket sends (server.ts) go into the same batches.
import { db } from '../../db';
import { processSlot } from '../../process-state';
import { insertMessage, insertMessageBatch, type InsertMessageOptions, type InsertOutcome } from './insert-message';

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
  /** Chats with a batch being written: their next sends wait for it. */
  writingChats: Set<string>;
}

const slot = processSlot<Queue>('sendQueue');
const queue = () => slot.use(() => ({ waiting: [], inFlight: 0, scheduled: false, writingKeys: new Set(), writingChats: new Set() }));

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
      const { batch, keys, chats } = take(q);
      // Everything left waits for a batch being written.
      if (batch.length === 0) break;
      q.inFlight++;
      void write(batch).finally(() => {
        q.inFlight--;
        for (const key of keys) q.writingKeys.delete(key);
        for (const chatId of chats) q.writingChats.delete(chatId);
        schedule();
      });
    }
  });
}

/**
 * The next batch, in arrival order. Two kinds of send wait for a batch being
 * written instead:
 * - a retry of a send in it (same sender and clientMessageId): it then finds
 *   the first copy stored. Written side by side, the two would race, and the
 *   retry could be the one stored;
 * - a send to a chat in it. The statement locks each chat's row to hand out
 *   seqs, so a batch holding one such send would wait for the other's commit
 *   with every other chat's sends inside it; held back, that one send goes in
 *   the next batch and the rest are written now (BENCHMARKS.md, issue 18).
 * Sends to one chat keep their order: while the chat is written, all of
 * them wait.
 */
function take(q: Queue): { batch: Job[]; keys: string[]; chats: Set<string> } {
  const batch: Job[] = [];
  const keys: string[] = [];
  const rest: Job[] = [];
  for (const job of q.waiting) {
    const key = job.item.clientMessageId ? `${job.item.senderId}|${job.item.clientMessageId}` : undefined;
    if (batch.length >= MAX_BATCH || (key && q.writingKeys.has(key)) || q.writingChats.has(job.item.chatId)) {
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
  const chats = new Set(batch.map((job) => job.item.chatId));
  for (const chatId of chats) q.writingChats.add(chatId);
  return { batch, keys, chats };
}

async function write(batch: Job[]): Promise<void> {
  if (batch.length > 1) {
    try {
      const outcomes = await insertMessageBatch(db(), batch.map((job) => job.item));
      batch.forEach((job, i) => job.resolve(outcomes[i] as InsertOutcome));
      return;
    } catch {
      // The batch rolled back whole (a concurrent twin of one send, say):
      // each send alone then gets its own outcome or its own error.
    }
  }
  await Promise.all(
    batch.map((job) => insertMessage(db(), job.item).then(job.resolve, job.reject)),
  );
}
