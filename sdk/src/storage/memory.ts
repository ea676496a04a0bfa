import type { OutboxItem, OutboxStorage } from '../types.js';

/** Keeps the outbox in this process only: it is lost when the process ends. */
export function memoryStorage(): OutboxStorage {
  const items = new Map<string, OutboxItem>();
  return {
    load: () => Promise.resolve([...items.values()].map((item) => structuredClone(item))),
    put: (item) => {
      items.set(item.id, structuredClone(item));
      return Promise.resolve();
    },
    delete: (id) => {
      items.delete(id);
      return Promise.resolve();
    },
  };
}
