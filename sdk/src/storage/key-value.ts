import type { OutboxItem, OutboxStorage } from '../types.js';

/** localStorage, React Native's AsyncStorage, an MMKV instance, or anything shaped like them. */
export interface KeyValueStore {
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * The outbox in a string key-value store: one key per item plus an index of
 * their ids in order. Writes run one at a time, so the index never loses an
 * id to two overlapping updates.
 */
export function keyValueStorage(kv: KeyValueStore, prefix = 'chat-sdk:outbox:'): OutboxStorage {
  const indexKey = `${prefix}index`;
  const itemKey = (id: string) => `${prefix}item:${id}`;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const readIndex = async (): Promise<string[]> => {
    const raw = await kv.getItem(indexKey);
    if (!raw) return [];
    try {
      const ids: unknown = JSON.parse(raw);
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  };

  return {
    load: () =>
      serial(async () => {
        const items: OutboxItem[] = [];
        for (const id of await readIndex()) {
          const raw = await kv.getItem(itemKey(id));
          if (!raw) continue;
          try {
            items.push(JSON.parse(raw) as OutboxItem);
          } catch {
            // A torn write: the item is unreadable, so it cannot be delivered.
          }
        }
        return items;
      }),
    put: (item) =>
      serial(async () => {
        await kv.setItem(itemKey(item.id), JSON.stringify(item));
        const ids = await readIndex();
        if (!ids.includes(item.id)) await kv.setItem(indexKey, JSON.stringify([...ids, item.id]));
      }),
    delete: (id) =>
      serial(async () => {
        const ids = await readIndex();
        if (ids.includes(id)) await kv.setItem(indexKey, JSON.stringify(ids.filter((x) => x !== id)));
        await kv.removeItem(itemKey(id));
      }),
  };
}
