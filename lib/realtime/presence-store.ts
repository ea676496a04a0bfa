// Which users have live sockets, and their chosen status. In memory for a
// single process; a shared implementation replaces it when several
// processes serve one deployment.
import type { PresenceStatus } from '../chat/dto';

export interface PresenceStore {
  /** Records a live socket; true when it is the user's first. */
  add(userId: string, socketId: string): Promise<boolean>;
  /** Forgets a socket; returns how many the user still has. */
  remove(userId: string, socketId: string): Promise<number>;
  count(userId: string): Promise<number>;
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>;
  setStatus(userId: string, status: PresenceStatus): Promise<void>;
  status(userId: string): Promise<PresenceStatus>;
  /**
   * True for exactly one caller once the user has no live socket anywhere:
   * that caller announces them offline.
   */
  claimOffline(userId: string): Promise<boolean>;
  /** Heartbeat: this process's sockets are still live. */
  refresh(sockets: readonly { userId: string; socketId: string }[]): Promise<void>;
  /** Users left without a live socket and not yet announced offline (their process died). */
  expired(): Promise<string[]>;
}

export function memoryPresenceStore(): PresenceStore {
  const sockets = new Map<string, Set<string>>();
  const statuses = new Map<string, PresenceStatus>();
  return {
    async add(userId, socketId) {
      const set = sockets.get(userId) ?? new Set();
      sockets.set(userId, set);
      set.add(socketId);
      return set.size === 1;
    },
    async remove(userId, socketId) {
      const set = sockets.get(userId);
      set?.delete(socketId);
      if (set && set.size === 0) sockets.delete(userId);
      return set?.size ?? 0;
    },
    async count(userId) {
      return sockets.get(userId)?.size ?? 0;
    },
    async onlineAmong(userIds) {
      // A user who chose to appear offline is not listed.
      return new Set(userIds.filter((id) => sockets.has(id) && statuses.get(id) !== 'offline'));
    },
    async setStatus(userId, status) {
      statuses.set(userId, status);
    },
    async status(userId) {
      if (!sockets.has(userId)) return 'offline';
      return statuses.get(userId) ?? 'online';
    },
    async claimOffline(userId) {
      return !sockets.has(userId);
    },
    async refresh() {},
    async expired() {
      return [];
    },
  };
}
