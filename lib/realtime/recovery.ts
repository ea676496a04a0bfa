// Connection state recovery that hands nothing out before authentication.
//
// Socket.IO replays a recovering socket's missed packets while it builds the
// socket, before any middleware runs. The adapter's `restoreSession` is the
// one documented hook before that moment: here it gives Socket.IO the session
// without its packets and holds them back. The connection handler, which runs
// only after the handshake middleware has checked the credentials, replays
// them when the same user is still in every chat the session was in. In any
// other case they are dropped, and the client's `sync` after every reconnect
// (recovered or not) fills the gap from the database.
import type { Namespace, ServerOptions } from 'socket.io';
import { SessionAwareAdapter } from 'socket.io-adapter';
import type { ChatSocket } from './dispatch';
import { chatRoom, sessionRoom, userRoom } from './rooms';

type AdapterConstructor = NonNullable<ServerOptions['adapter']>;

interface RestoredSession {
  sid: string;
  pid: string;
  rooms: string[];
  data: unknown;
  missedPackets: unknown[][];
}

interface HeldPackets {
  userId: string | undefined;
  rooms: string[];
  packets: unknown[][];
  heldAt: number;
}

/** A session whose handshake never completes loses its packets after this. */
const HOLD_MS = 60_000;
/** socket.io-parser's EVENT packet type. */
const EVENT = 2;

export interface RecoveryGuard {
  /** The adapter to give Socket.IO, wrapping `base` (the in-memory one by default). */
  adapter: AdapterConstructor;
  /** Call from the connection handler, after authentication and after joining rooms. */
  replay(socket: ChatSocket): 'none' | 'replayed' | 'dropped';
}

export function createRecoveryGuard(base: AdapterConstructor = SessionAwareAdapter): RecoveryGuard {
  const held = new Map<string, HeldPackets>();

  const prune = (now: number) => {
    for (const [sid, entry] of held) if (now - entry.heldAt > HOLD_MS) held.delete(sid);
  };

  // A plain function, because Socket.IO calls the adapter with `new`; an
  // object returned from a constructor call is the result.
  const adapter = function guardedAdapter(nsp: Namespace) {
    const inner = new (base as new (nsp: Namespace) => ReturnType<typeof Object>)(nsp) as {
      restoreSession(pid: string, offset: string): Promise<RestoredSession | null>;
    };
    const restore = inner.restoreSession.bind(inner);
    inner.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (!session) return session;
      const now = Date.now();
      prune(now);
      held.set(session.sid, {
        userId: (session.data as { user?: { id?: string } } | undefined)?.user?.id,
        rooms: session.rooms,
        packets: session.missedPackets,
        heldAt: now,
      });
      return { ...session, missedPackets: [] };
    };
    return inner;
  } as unknown as AdapterConstructor;

  const replay: RecoveryGuard['replay'] = (socket) => {
    const entry = held.get(socket.id);
    held.delete(socket.id);
    if (!socket.recovered || !entry) return 'none';
    if (entry.userId !== socket.data.user.id || !stillInRooms(socket, entry.rooms)) return 'dropped';
    // Sent exactly as Socket.IO's own recovery sends them, offsets included,
    // so the client's next reconnect resumes from the right place.
    const raw = socket as unknown as { packet(packet: { type: number; data: unknown[] }): void };
    for (const data of entry.packets) raw.packet({ type: EVENT, data });
    return 'replayed';
  };

  return { adapter, replay };
}

/** Whether every room the old session had is one the authenticated socket may be in now. */
function stillInRooms(socket: ChatSocket, rooms: string[]): boolean {
  const { user, chatIds, sessionId } = socket.data;
  const allowed = new Set([
    socket.id,
    userRoom(user.id),
    ...chatIds.map(chatRoom),
    ...(sessionId ? [sessionRoom(sessionId)] : []),
  ]);
  return rooms.every((room) => allowed.has(room));
}
