// The API nudges this process's export worker when it queues a job, so a
// new export starts at once rather than at the worker's next look.
import { processSlot } from '../process-state';

const slot = processSlot<() => void>('exportWorkerWake');

export function setExportWorkerWake(wake: (() => void) | undefined): void {
  slot.set(wake);
}

export function wakeExportWorker(): void {
  slot.get()?.();
}
