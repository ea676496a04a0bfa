// Presence across a user's tabs and devices: online with the first socket,
// offline only when the last one has been gone for PRESENCE_GRACE_MS.
import type { Logger } from 'pino';
import type { PresenceStatus } from '../chat/dto';
import { listChatIds } from '../chat/list-chat-ids';
import { recordPresence } from '../users/record-presence';
import type { ChatServer } from './attach';
import type { PresenceStore } from './presence-store';
import { chatRoom } from './rooms';

export interface Presence {
  connected(userId: string, socketId: string): Promise<void>;
  disconnected(userId: string, socketId: string): Promise<void>;
  setStatus(userId: string, status: PresenceStatus): Promise<void>;
  store: PresenceStore;
  /** Cancels pending offline timers (shutdown). */
  stop(): void;
}

export function createPresence(io: ChatServer, store: PresenceStore, graceMs: number, log: Logger): Presence {
  const pendingOffline = new Map<string, NodeJS.Timeout>();

  const announce = async (userId: string, emit: (rooms: string[]) => void) => {
    const rooms = (await listChatIds({ userId })).map(chatRoom);
    if (rooms.length > 0) emit(rooms);
  };

  const goOffline = async (userId: string) => {
    pendingOffline.delete(userId);
    if ((await store.count(userId)) > 0) return;
    const lastSeenAt = new Date();
    await recordPresence({ userId, status: 'offline', lastSeenAt });
    await announce(userId, (rooms) => {
      io.to(rooms).emit('user_offline', { userId, lastSeenAt: lastSeenAt.toISOString() });
      io.to(rooms).emit('presence_update', { userId, status: 'offline', lastSeenAt: lastSeenAt.toISOString() });
    });
  };

  return {
    store,
    async connected(userId, socketId) {
      const first = await store.add(userId, socketId);
      const pending = pendingOffline.get(userId);
      if (pending) {
        // Back within the grace period: nobody saw them leave.
        clearTimeout(pending);
        pendingOffline.delete(userId);
        return;
      }
      if (!first) return;
      await store.setStatus(userId, 'online');
      await recordPresence({ userId, status: 'online' });
      await announce(userId, (rooms) => {
        io.to(rooms).emit('user_online', { userId });
        io.to(rooms).emit('presence_update', { userId, status: 'online', lastSeenAt: null });
      });
    },
    async disconnected(userId, socketId) {
      if ((await store.remove(userId, socketId)) > 0) return;
      const timer = setTimeout(() => {
        goOffline(userId).catch((err: unknown) => log.error({ err, userId }, 'presence offline failed'));
      }, graceMs);
      timer.unref();
      pendingOffline.set(userId, timer);
    },
    async setStatus(userId, status) {
      await store.setStatus(userId, status);
      await recordPresence({ userId, status, ...(status === 'offline' ? { lastSeenAt: new Date() } : {}) });
      await announce(userId, (rooms) => {
        io.to(rooms).emit('presence_update', { userId, status, lastSeenAt: null });
      });
    },
    stop() {
      for (const timer of pendingOffline.values()) clearTimeout(timer);
      pendingOffline.clear();
    },
  };
}
