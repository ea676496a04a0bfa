// A client that keeps a gap-free copy of one chat the way the web app does:
// live events, Socket.IO recovery after short drops, and `sync` after every
// reconnect and whenever a seq gap shows up. After a recovered reconnect the
// sync is the backstop: it finds nothing unless packets sent in the moment
// the old transport died were lost.
import type { MessageDto } from '@/lib/chat/dto';
import { call } from './emit';
import type { ClientSocket } from './sockets';

export class ChatReader {
  readonly bySeq = new Map<number, MessageDto>();
  syncs = 0;
  private syncing: Promise<void> | undefined;
  private retry = false;
  lastError = '';

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
      void this.sync();
    });
  }

  /** The highest seq up to which nothing is missing. */
  contiguous(): number {
    let seq = 0;
    while (this.bySeq.has(seq + 1)) seq++;
    return seq;
  }

  sync(): Promise<void> {
    // `.finally` runs after the assignment even when runSync returns at once.
    this.syncing ??= this.runSync().finally(() => {
      this.syncing = undefined;
      if (this.retry) {
        this.retry = false;
        setTimeout(() => void this.sync(), 200);
      }
    });
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    try {
      for (;;) {
        if (!this.socket.connected) return; // the next connect syncs
        this.syncs++;
        const res = await call(this.socket, 'sync', { since: { [this.chatId]: this.contiguous() } }, 5000);
        if (!res.ok) {
          this.lastError = `${res.error.code}: ${res.error.message}`;
          return;
        }
        for (const m of res.data.messages) this.bySeq.set(m.seq, m);
        if (!res.data.truncated) return;
      }
    } catch {
      // Timed out (a drop, or a loaded server): try again shortly.
      this.lastError = 'timeout';
      this.retry = true;
    }
  }
}
