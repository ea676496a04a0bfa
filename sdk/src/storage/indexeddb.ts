// @chat/sdk/indexeddb: the outbox in the browser's IndexedDB, so it survives reloads.
import type { OutboxItem, OutboxStorage } from '../types.js';

const STORE = 'outbox';

interface Row {
  id: string;
  /** Insertion order: items of a chat must come back in the order they were queued. */
  order: number;
  item: OutboxItem;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The outbox in IndexedDB database `dbName` (browsers only). */
export function indexedDbStorage(dbName = 'chat-sdk'): OutboxStorage {
  let opened: Promise<IDBDatabase> | undefined;
  let counter = Date.now() * 1000;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE))
          req.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`Could not open IndexedDB ${dbName}`));
    }));
  const store = async (mode: IDBTransactionMode) =>
    (await open()).transaction(STORE, mode).objectStore(STORE);

  return {
    async load() {
      const rows = await request((await store('readonly')).getAll() as IDBRequest<Row[]>);
      rows.sort((a, b) => a.order - b.order);
      counter = Math.max(counter, ...rows.map((r) => r.order + 1));
      return rows.map((r) => r.item);
    },
    async put(item) {
      const objects = await store('readwrite');
      const existing = (await request(objects.get(item.id))) as Row | undefined;
      await request(objects.put({ id: item.id, order: existing?.order ?? counter++, item } satisfies Row));
    },
    async delete(id) {
      await request((await store('readwrite')).delete(id));
    },
  };
}
