// A client that keeps a gap-free copy of one chat the way the web app does:
// live events, Socket.IO recovery after short drops, and `sync` whenever a
// reconnect was not recovered or a seq gap shows up.
import type { MessageDto } from '@/lib/chat/dto';
import { call } from './emit';
import type { ClientSocket } from './sockets';

export class ChatReader {
  readonly bySeq = new Map<number, MessageDto>();
  syncs = 0;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly socket: ClientSocket,
    private readonly chatId: string,
  ) {
    socket.on('message_received', (m) => {
      if (m.chatId !== chatId) return;
      this.bySeq.set(m.seq, m);
      if (m.seq > this.contiguous() + 1) void this.sync();
    });
    socket.on('connect', () => {
      if (!socket.recovered) void this.sync();
    });
  }

  /** The highest seq up to which nothing is missing. */
  contiguous(): number {
    let seq = 0;
    while (this.bySeq.has(seq + 1)) seq++;
    return seq;
  }

  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        for (;;) {
          if (!this.socket.connected) return;
          this.syncs++;
          const res = await call(this.socket, 'sync', { since: { [this.chatId]: this.contiguous() } }, 5000);
          if (!res.ok) return;
          for (const m of res.data.messages) this.bySeq.set(m.seq, m);
          if (!res.data.truncated) return;
        }
      } catch {
        // Timed out mid-drop: the next connect syncs again.
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }
}
