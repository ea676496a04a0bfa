// The port between the services and everything that reacts to them.
// Subscribers are named, so registering one again (a restarted server in
// the same process) replaces it. One subscriber failing is logged and
// touches neither the others nor the change that was announced.
import { logger } from '../logger';
import { metrics } from '../metrics';
import { processSlot } from '../process-state';
import type { DomainEvent } from './types';

export type Subscriber = (event: DomainEvent) => void | Promise<void>;

// In the process's shared state: route handlers announce from Next's
// bundle, and server.ts registers the subscribers.
const slot = processSlot<Map<string, Subscriber>>('eventSubscribers');
const subscribers = () => slot.use(() => new Map());

/** Adds (or replaces) the subscriber called `name`; returns its removal. */
export function subscribe(name: string, subscriber: Subscriber): () => void {
  subscribers().set(name, subscriber);
  return () => {
    if (subscribers().get(name) === subscriber) subscribers().delete(name);
  };
}

/**
 * Hands committed changes to every subscriber, in order. Call it only after
 * the transaction that made them has committed (see `inTransaction`).
 */
export function announce(...events: DomainEvent[]): void {
  for (const event of events) {
    for (const [name, subscriber] of subscribers()) {
      try {
        const done = subscriber(event);
        if (done) done.catch((err: unknown) => failed(name, event, err));
      } catch (err) {
        failed(name, event, err);
      }
    }
  }
}

function failed(subscriber: string, event: DomainEvent, err: unknown): void {
  metrics().errors.inc({ source: 'event' });
  logger().error({ err, subscriber, event: event.type }, 'event subscriber failed');
}
