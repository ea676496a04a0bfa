import type { AckResponse } from '@/lib/realtime/events';
import type { ClientSocket } from './sockets';

/** Emits with an ack and resolves with the server's answer. */
export function call<T = any>(socket: ClientSocket, event: string, payload?: unknown, ms = 10_000): Promise<AckResponse<T>> {
  return (socket as any).timeout(ms).emitWithAck(event, payload);
}

/** Collects every `event` a socket receives, for later assertions. */
export function collect<T = any>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as any).on(event, (payload: T) => seen.push(payload));
  return seen;
}
