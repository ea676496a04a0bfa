import { db } from '../db';
import type { DbClient } from '../chat/store/sql';
import { announce } from './bus';
import type { DomainEvent } from './types';

/**
 * Runs `work` in a transaction and announces the events it recorded only
 * once the transaction has committed: a rollback announces nothing, the way
 * Zulip defers `send_event` to `on_commit`.
 */
export async function inTransaction<T>(work: (tx: DbClient, events: DomainEvent[]) => Promise<T>): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await db().$transaction((tx) => work(tx, events));
  announce(...events);
  return result;
}
