// Decoding images and audio is the heaviest work this server does; a burst of
// uploads must not take every core from message delivery. Each process runs
// at most this many decodes at once and queues the rest.
import { availableParallelism } from 'node:os';

const MAX_RUNNING = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: Array<() => void> = [];

export async function withProcessingSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next in line.
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
