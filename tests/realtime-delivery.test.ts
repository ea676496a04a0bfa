// The delivery guarantees: gap-free seqs, idempotent sends, acks after
// storage, and nothing lost across dropped connections or a crashed server.
import pg from 'pg';
import { Api, registerAll } from './support/api';
import { createDirect, sleep, waitFor } from './support/chat';
import { spawnServer } from './support/child-server';
import type { MessageDto } from '@/lib/chat/dto';
import { call, collect } from './support/emit';
import { createServerDatabase } from './support/postgres';
import { ChatReader } from './support/reader';
import { TEST_DB } from './support/server';
import { reconnectingSocket } from './support/sockets';
import { describe, expect, it } from './support/fixtures';
import { RAISED_SOCKET_LIMITS } from './support/limits';

it.override('serverEnv', RAISED_SOCKET_LIMITS);

describe(`delivery guarantees on ${TEST_DB}`, () => {
  it('numbers concurrent sends 1..n with no gaps and no duplicates', async ({ api, openSocket }) => {
    const a = await api.register('Seq');
    const b = await api.register('SeqB');
    const chatId = await createDirect(api, a, b);
    const [sa, sb] = await Promise.all([openSocket({ token: a.token }), openSocket({ token: b.token })]);
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(i % 2 ? sa : sb, 'send_message', { chatId, content: `m${i}`, clientMessageId: `seq-${i}` }),
      ),
    );
    const seqs = acks.map((r) => (r.ok ? r.data.seq : -1)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('gives each send in a burst its own outcome: per-chat seqs, retries, outsiders and bad replies', async ({
    api,
    openSocket,
  }) => {
    // Sends that arrive together are written together (lib/chat/store/send-queue.ts);
    // every one must still be judged on its own.
    const [a, b, c, outsider] = await registerAll(api, 'BurstA', 'BurstB', 'BurstC', 'BurstOut');
    const ab = await createDirect(api, a, b);
    const ac = await createDirect(api, a, c);
    const [sa, sb, so] = await Promise.all([
      openSocket({ token: a.token }),
      openSocket({ token: b.token }),
      openSocket({ token: outsider.token }),
    ]);
    const first = await call(sa, 'send_message', { chatId: ac, content: 'in the other chat' });
    expect(first.ok).toBe(true);
    const otherChatMessageId = first.ok ? (first.data as { id: string }).id : '';

    const burst = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        call(sa, 'send_message', { chatId: ab, content: `a${i}`, clientMessageId: `burst-a${i}` }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        call(sb, 'send_message', { chatId: ab, content: `b${i}`, clientMessageId: `burst-b${i}` }),
      ),
      ...Array.from({ length: 10 }, (_, i) => call(sa, 'send_message', { chatId: ac, content: `c${i}` })),
      call(sa, 'send_message', { chatId: ab, content: 'a0 again', clientMessageId: 'burst-a0' }),
      call(so, 'send_message', { chatId: ab, content: 'let me in' }),
      call(sb, 'send_message', { chatId: ab, content: 'reply', replyToId: otherChatMessageId }),
    ]);
    const ok = (r: (typeof burst)[number]) =>
      r.ok ? (r.data as { id: string; seq: number; chatId: string }) : null;
    const [retry, intruder, badReply] = burst.slice(50);
    expect(retry?.ok && ok(burst[0]!)?.id === ok(retry)?.id).toBe(true);
    expect(intruder?.ok ? 'stored' : intruder?.error.code).toBe('NOT_FOUND');
    expect(badReply?.ok ? 'stored' : badReply?.error.code).toBe('VALIDATION');

    const seqsIn = (chatId: string) =>
      [
        ...new Set(
          burst
            .slice(0, 50)
            .map(ok)
            .filter((m) => m?.chatId === chatId)
            .map((m) => m!.seq),
        ),
      ].sort((x, y) => x - y);
    expect(seqsIn(ab)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(seqsIn(ac)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    const stored = await api.get<{ items: Array<{ content: string }> }>(
      `/api/v1/chat/sessions/${ab}/messages?limit=100`,
      b.token,
    );
    expect(stored.body.items.map((m) => m.content).sort()).toEqual(
      [
        ...Array.from({ length: 20 }, (_, i) => `a${i}`),
        ...Array.from({ length: 20 }, (_, i) => `b${i}`),
      ].sort(),
    );
  });

  it('stores the first copy when a retry arrives while the first is still being written', async ({
    api,
    openSocket,
  }) => {
    // The send and its retry reach the server in the same read. Written in
    // parallel batches they would race, and sometimes the retry would win.
    const [a, b] = await registerAll(api, 'RetryA', 'RetryB');
    const chatId = await createDirect(api, a, b);
    const sa = await openSocket({ token: a.token });
    for (let i = 0; i < 25; i++) {
      const [original, retry] = await Promise.all([
        call(sa, 'send_message', { chatId, content: `first ${i}`, clientMessageId: `twice-${i}` }),
        call(sa, 'send_message', { chatId, content: `retry ${i}`, clientMessageId: `twice-${i}` }),
      ]);
      expect(original.ok && retry.ok && original.data.id === retry.data.id).toBe(true);
      expect(original.ok && original.data.content).toBe(`first ${i}`);
    }
    const stored = await api.get<{ items: Array<{ content: string }> }>(
      `/api/v1/chat/sessions/${chatId}/messages?limit=100`,
      a.token,
    );
    expect(stored.body.items.map((m) => m.content).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `first ${i}`).sort(),
    );
  });

  it('a reader whose connection drops at random points ends with exactly the stored history (2,000 messages)', async ({
    api,
    server,
    openSocket,
  }) => {
    const writer = await api.register('Writer');
    const readerUser = await api.register('Reader');
    const chatId = await createDirect(api, writer, readerUser);
    const ws = await openSocket({ token: writer.token });
    const rs = reconnectingSocket(server.url, readerUser.token);
    const reader = new ChatReader(rs, chatId);
    await waitFor(() => rs.connected, 5000);

    let dropping = true;
    let dropCount = 0;
    const dropper = (async () => {
      while (dropping) {
        await sleep(50 + Math.random() * 250);
        if (rs.connected) {
          rs.io.engine.close(); // a network drop: the client reconnects by itself
          dropCount++;
        }
      }
    })();

    const TOTAL = 2000;
    for (let i = 0; i < TOTAL; i += 20) {
      // However fast the sends go, a drop falls within every 200 of them.
      if (i > 0 && i % 200 === 0) {
        const seen = dropCount;
        await waitFor(() => dropCount > seen, 5000, 'the next drop');
      }
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          call(ws, 'send_message', { chatId, content: `msg ${i + j}`, clientMessageId: `w-${i + j}` }),
        ),
      );
      expect(batch.every((r) => r.ok)).toBe(true);
    }
    dropping = false;
    await dropper;
    await waitFor(() => rs.connected, 5000);
    await waitFor(() => reader.contiguous() === TOTAL, 30_000).catch((err: Error) => {
      throw new Error(
        `${err.message}: reader holds ${reader.bySeq.size}, contiguous to ${reader.contiguous()}, ` +
          `${reader.syncs} syncs (last error: ${reader.lastError}), connected ${rs.connected}`,
      );
    });

    const stored = await server.database.prisma.chatMessage.findMany({
      where: { chatId },
      orderBy: { seq: 'asc' },
    });
    expect(stored).toHaveLength(TOTAL);
    expect([...reader.bySeq.keys()].sort((x, y) => x - y)).toEqual(stored.map((m) => m.seq));
    expect(stored.every((m) => reader.bySeq.get(m.seq)?.id === m.id)).toBe(true);
    expect(new Set(stored.map((m) => m.clientMessageId)).size).toBe(TOTAL);
    expect(dropCount).toBeGreaterThanOrEqual(9);
    rs.disconnect();
  }, 120_000);

  it('replays what a short drop missed; with SOCKET_RECOVERY_SECONDS=0 the reconnect is fresh and sync fills the gap', async ({
    server,
  }) => {
    // Its own process: servers in one process share the database and the auth secret.
    const database = await createServerDatabase('pglite', 'chat_norecovery');
    const norecovery = await spawnServer({ ...database.env, SOCKET_RECOVERY_SECONDS: '0' });
    try {
      for (const [url, recovers] of [
        [server.url, true],
        [norecovery.url, false],
      ] as const) {
        const targetApi = new Api(url);
        const a = await targetApi.register('Stays');
        const b = await targetApi.register('Drops');
        const chatId = await createDirect(targetApi, a, b);
        const sock = reconnectingSocket(url, b.token, 1000);
        // Recovery resumes from the offset of the last broadcast the client
        // received: wait for the first one (its own user_online) before the drop.
        const online = collect(sock, 'user_online');
        await waitFor(
          () => sock.connected && online.length > 0,
          10_000,
          'the socket to connect and hear a broadcast',
        );
        const heard = collect<MessageDto>(sock, 'message_received');
        sock.io.engine.close(); // the transport dies; the client comes back in 1 s
        await sleep(200);
        const sent = (
          await targetApi.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'while away' }, a.token)
        ).body.message;
        await waitFor(() => sock.connected, 10_000, 'the socket to reconnect');
        expect(sock.recovered === true, recovers ? 'default' : 'recovery off').toBe(recovers);
        if (recovers) {
          await waitFor(() => heard.length === 1, 5_000, 'the replayed message');
          expect(heard[0]?.id).toBe(sent.id);
        } else {
          await sleep(200);
          expect(heard).toHaveLength(0);
          const res = await call(sock, 'sync', { since: { [chatId]: 0 } });
          expect(res).toMatchObject({
            ok: true,
            data: { messages: [{ id: sent.id, content: 'while away' }] },
          });
        }
        sock.disconnect();
      }
    } finally {
      await norecovery.stop();
      await database.drop();
    }
  }, 60_000);

  it('catches up on edits, deletes and read receipts missed while offline', async ({ api, openSocket }) => {
    const a = await api.register('Ed');
    const b = await api.register('Off');
    const chatId = await createDirect(api, a, b);
    const send = async (content: string) =>
      (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, a.token)).body.message;
    const first = { body: await send('one') };
    const second = { body: await send('two') };
    const bSock = await openSocket({ token: b.token });
    const initial = await call(bSock, 'sync', { since: { [chatId]: 0 } });
    if (!initial.ok) throw new Error('sync failed');
    bSock.disconnect();

    await api.put(`/api/v1/chat/messages/${first.body.id}`, { content: 'one (edited)' }, a.token);
    await api.delete(`/api/v1/chat/messages/${second.body.id}`, a.token);
    await api.post(`/api/v1/chat/sessions/${chatId}/read`, {}, a.token);
    await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content: 'three' }, a.token);

    const back = await openSocket({ token: b.token });
    const res = await call(back, 'sync', { since: { [chatId]: 2 }, changedSince: initial.data.serverTime });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.messages.map((m: any) => m.content)).toEqual(['three']);
    expect(res.data.changed.map((m: any) => [m.seq, m.content, !!m.deletedAt])).toEqual([
      [1, 'one (edited)', false],
      [2, '', true],
    ]);
    // Sending 'three' moved the sender's own watermark past it.
    expect(res.data.reads).toContainEqual(expect.objectContaining({ chatId, userId: a.id, upToSeq: 3 }));
  });
});

// kill -9 needs the server in its own process. PGlite is an embedded,
// single-process database; the guarantee is stated for PostgreSQL.
describe.runIf(TEST_DB === 'postgres')('crash recovery on postgres', () => {
  it('keeps every acked message exactly once across kill -9 and restart, and clients catch up in order', async () => {
    const database = await createServerDatabase('postgres', 'chat_crash');
    let server = await spawnServer(database.env);
    const { url, env } = server;
    try {
      const capi = new Api(url);
      const w = await capi.register('CrashW');
      const r = await capi.register('CrashR');
      const chatId = await createDirect(capi, w, r);
      const ws = reconnectingSocket(url, w.token);
      const rs = reconnectingSocket(url, r.token);
      const reader = new ChatReader(rs, chatId);
      await waitFor(() => ws.connected && rs.connected, 5000);

      const acked = new Set<string>();
      const send = async (i: number) => {
        const res = await call(
          ws,
          'send_message',
          { chatId, content: `c${i}`, clientMessageId: `crash-${i}` },
          2000,
        ).catch(() => null);
        if (res?.ok) acked.add(res.data.clientMessageId);
      };
      let i = 0;
      const killAt = 150;
      while (i < killAt) await Promise.all(Array.from({ length: 5 }, () => send(i++)));
      // Mid-stream: more sends in flight while the process dies.
      const inFlight = Promise.all(Array.from({ length: 10 }, () => send(i++)));
      server.child.kill('SIGKILL');
      await inFlight;
      server = await spawnServer(env);
      await waitFor(() => ws.connected && rs.connected, 20_000);
      // The writer retries everything it never got an ack for: idempotency makes that safe.
      for (let j = 0; j < i; j++) if (!acked.has(`crash-${j}`)) await send(j);
      for (let j = i; j < i + 20; j++) await send(j);
      const total = i + 20;
      expect(acked.size).toBe(total);
      await waitFor(() => reader.contiguous() === total, 20_000);

      const rows = new pg.Client({ connectionString: env.DATABASE_URL });
      await rows.connect();
      const { rows: stored } = await rows.query<{ seq: number; clientMessageId: string }>(
        'SELECT seq, "clientMessageId" FROM "ChatMessage" WHERE "chatId" = $1 ORDER BY seq',
        [chatId],
      );
      await rows.end();
      expect(stored).toHaveLength(total);
      expect(new Set(stored.map((s) => s.clientMessageId)).size).toBe(total);
      expect(stored.map((s) => s.seq)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
      expect([...reader.bySeq.values()].map((m) => m.clientMessageId).sort()).toEqual(
        stored.map((s) => s.clientMessageId).sort(),
      );
      ws.disconnect();
      rs.disconnect();
    } finally {
      server.child.kill('SIGKILL');
      await database.drop();
    }
  }, 180_000);
});
