// Presence across a user's tabs and devices: online with the first socket,
// offline only when the last one has been gone for PRESENCE_GRACE_MS. With
// several processes the count is global (a shared store): the process where
// the last socket closed runs the grace timer, and a heartbeat sweep takes
// offline the users of a process that died.
import type { Logger } from 'pino';
import type { PresenceStatus } from '../chat/dto';
import { listLiveChatIds } from '../chat/store/list-chat-ids';
import { recordPresence } from '../users/record-presence';
import type { ChatServer } from './attach';
import type { PresenceStore } from './presence-store';
import { presenceWithheldFrom } from '../users/privacy';
import { blockPartnerRooms, chatRoom, userRoom } from './rooms';

export interface Presence {
  connected(userId: string, socketId: string): Promise<void>;
  disconnected(userId: string, socketId: string): Promise<void>;
  setStatus(userId: string, status: PresenceStatus): Promise<void>;
  store: PresenceStore;
  /**
   * Shutdown: cancels pending offline timers and resolves once the presence
   * writes already under way have finished, so the database can close.
   */
  stop(): Promise<void>;
}

export interface PresenceOptions {
  graceMs: number;
  /** How often this process refreshes its sockets in the store and sweeps for the dead. */
  heartbeatMs: number;
}

export function createPresence(
  io: ChatServer,
  store: PresenceStore,
  options: PresenceOptions,
  log: Logger,
): Presence {
  const { graceMs } = options;
  const pendingOffline = new Map<string, NodeJS.Timeout>();
  // Set at shutdown: the database is about to close, and another process (or
  // this one, restarted) owns these users' presence from now on.
  let stopped = false;
  // Presence writes under way; stop() waits for them.
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
    return work;
  };

  /**
   * To the user's live chats, less anyone with a block with them (groups
   * they share included) and as their lastSeen setting and each listener's
   * own allow (lib/users/privacy.ts).
   */
  const announce = async (userId: string, emit: (to: ReturnType<ChatServer['to']>) => void) => {
    const [chats, blocked] = await Promise.all([listLiveChatIds({ userId }), blockPartnerRooms(userId)]);
    if (chats.length === 0) return;
    const withheld = await presenceWithheldFrom(userId, chats);
    if (withheld === 'all') return;
    emit(io.to(chats.map(chatRoom)).except([...blocked, ...withheld.map(userRoom)]));
  };

  const goOffline = async (userId: string) => {
    pendingOffline.delete(userId);
    if (stopped) return;
    if (!(await store.claimOffline(userId))) return;
    const lastSeenAt = new Date();
    await recordPresence({ userId, status: 'offline', lastSeenAt });
    await announce(userId, (to) => {
      to.emit('user_offline', { userId, lastSeenAt: lastSeenAt.toISOString() });
      to.emit('presence_update', { userId, status: 'offline', lastSeenAt: lastSeenAt.toISOString() });
    });
  };

  const heartbeat = async () => {
    const sockets = [...io.of('/').sockets.values()].map((s) => ({ userId: s.data.user.id, socketId: s.id }));
    await store.refresh(sockets);
    for (const userId of await store.expired()) {
      if (!pendingOffline.has(userId)) await goOffline(userId);
    }
  };
  const beat = setInterval(() => {
    track(heartbeat()).catch((err: unknown) => log.error({ err }, 'presence heartbeat failed'));
  }, options.heartbeatMs);
  beat.unref();

  return {
    store,
    connected: (userId, socketId) => track(connected(userId, socketId)),
    disconnected: (userId, socketId) => track(disconnected(userId, socketId)),
    setStatus: (userId, status) => track(setStatus(userId, status)),
    async stop() {
      stopped = true;
      clearInterval(beat);
      for (const timer of pendingOffline.values()) clearTimeout(timer);
      pendingOffline.clear();
      await Promise.allSettled(running);
    },
  };

  async function connected(userId: string, socketId: string): Promise<void> {
    const first = await store.add(userId, socketId);
    const pending = pendingOffline.get(userId);
    if (pending) {
      // Back within the grace period: nobody saw them leave.
      clearTimeout(pending);
      pendingOffline.delete(userId);
      return;
    }
    if (!first || stopped) return;
    await store.setStatus(userId, 'online');
    await recordPresence({ userId, status: 'online' });
    await announce(userId, (to) => {
      to.emit('user_online', { userId });
      to.emit('presence_update', { userId, status: 'online', lastSeenAt: null });
    });
  }

  async function disconnected(userId: string, socketId: string): Promise<void> {
    if ((await store.remove(userId, socketId)) > 0 || stopped) return;
    const timer = setTimeout(() => {
      track(goOffline(userId)).catch((err: unknown) => log.error({ err, userId }, 'presence offline failed'));
    }, graceMs);
    timer.unref();
    pendingOffline.set(userId, timer);
  }

  async function setStatus(userId: string, status: PresenceStatus): Promise<void> {
    await store.setStatus(userId, status);
    await recordPresence({ userId, status, ...(status === 'offline' ? { lastSeenAt: new Date() } : {}) });
    await announce(userId, (to) => {
      to.emit('presence_update', { userId, status, lastSeenAt: null });
    });
  }
}
