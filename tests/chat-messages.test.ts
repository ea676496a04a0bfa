// Messages over HTTP: sending, idempotency and ordering under concurrency,
// history paging, edits, deletes, read and delivery watermarks.
import { type Api, registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';
import { beforeAll, describe, expect, it } from './support/fixtures';

const SESSIONS = '/api/v1/chat/sessions';
const messagesOf = (chatId: string) => `${SESSIONS}/${chatId}/messages`;
const message = (id: string) => `/api/v1/chat/messages/${id}`;
const EDIT_WINDOW_SECONDS = 15 * 60;
const MAX_LENGTH = 4000;

async function send(api: Api, user: TestUser, chatId: string, content: string, extra: object = {}) {
  const res = await api.post(messagesOf(chatId), { content, ...extra }, user.token);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.message as { id: string; seq: number; content: string };
}

async function unread(api: Api, user: TestUser, chatId: string): Promise<number> {
  const res = await api.get(`${SESSIONS}/${chatId}/unread`, user.token);
  expect(res.status).toBe(200);
  return res.body.count;
}

async function participant(server: TestServer, chatId: string, user: TestUser) {
  return server.database.prisma.chatParticipant.findUniqueOrThrow({
    where: { chatId_userId: { chatId, userId: user.id } },
  });
}

describe(`sending on ${TEST_DB}`, () => {
  it('stores the text exactly as sent and numbers messages 1, 2, 3 in each chat', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const text = '  spaced  \n\tout 👋🏽 שלום <b>not html</b>  ';
    const first = await api.post(messagesOf(chatId), { content: text }, ann.token);
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({
      chatId,
      senderId: ann.id,
      seq: 1,
      type: 'TEXT',
      content: text,
      editedAt: null,
      deletedAt: null,
    });
    expect((await send(api, bob, chatId, 'two')).seq).toBe(2);
    const stored = await server.database.prisma.chatMessage.findUniqueOrThrow({
      where: { id: first.body.message.id },
    });
    expect(stored.content).toBe(text);
    // Sending marks your own message read and delivered.
    expect(await participant(server, chatId, bob)).toMatchObject({ lastReadSeq: 2, lastDeliveredSeq: 2 });
  });

  it(`refuses more than ${MAX_LENGTH} characters with 413, counting an emoji as one`, async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    expect((await api.post(messagesOf(chatId), { content: '😀'.repeat(MAX_LENGTH) }, ann.token)).status).toBe(
      201,
    );
    const before = await server.database.prisma.chatMessage.count();
    const tooLong = await api.post(messagesOf(chatId), { content: 'x'.repeat(MAX_LENGTH + 1) }, ann.token);
    expect(tooLong.status).toBe(413);
    expect(tooLong.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `A message can be at most ${MAX_LENGTH} characters long.`,
    });
    for (const content of ['', '   ', 42, null]) {
      expect((await api.post(messagesOf(chatId), { content }, ann.token)).status).toBe(400);
    }
    expect(await server.database.prisma.chatMessage.count()).toBe(before);
  });

  it('returns the first message with 200 when a clientMessageId is sent again, and 409 for another chat', async ({
    api,
    server,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createDirect(api, ann, bob);
    const first = await api.post(messagesOf(chatId), { content: 'once', clientMessageId: 'c-1' }, ann.token);
    expect(first.status).toBe(201);
    const again = await api.post(
      messagesOf(chatId),
      { content: 'edited retry', clientMessageId: 'c-1' },
      ann.token,
    );
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(first.body.message);
    // Another sender may use the same id: ids are per sender.
    expect(
      (await api.post(messagesOf(chatId), { content: 'mine', clientMessageId: 'c-1' }, bob.token)).status,
    ).toBe(201);
    const elsewhere = await createDirect(api, ann, cat);
    const conflict = await api.post(
      messagesOf(elsewhere),
      { content: 'x', clientMessageId: 'c-1' },
      ann.token,
    );
    expect(conflict.status).toBe(409);
    expect(await server.database.prisma.chatMessage.count({ where: { chatId: elsewhere } })).toBe(0);
  });

  it('stores one message when the same clientMessageId is sent 10 times at once', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.post(messagesOf(chatId), { content: 'hi', clientMessageId: 'race' }, ann.token),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
    expect(await server.database.prisma.chatMessage.count({ where: { chatId } })).toBe(1);
    expect(
      (await server.database.prisma.chatSession.findUniqueOrThrow({ where: { id: chatId } })).lastSeq,
    ).toBe(1);
  });

  it('numbers 50 simultaneous messages 1..50 with no gaps and no repeats', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.post(
          messagesOf(chatId),
          { content: `m${i}`, clientMessageId: `p-${i}` },
          i % 2 ? ann.token : bob.token,
        ),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => r.body.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const chat = await server.database.prisma.chatSession.findUniqueOrThrow({ where: { id: chatId } });
    expect(chat.lastSeq).toBe(50);
  });

  it.runIf(TEST_DB === 'postgres')(
    'keeps sending after PostgreSQL closes a send-batch connection (PostgreSQL only)',
    async ({ api, server }) => {
      const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
      const chatId = await createDirect(api, ann, bob);
      const before = await send(api, ann, chatId, 'before');
      // The send batch's own pool (lib/db/prepared.ts): close its idle connection from the server side.
      const hot = server.database.hotPool!;
      const [{ pid }] = (await hot.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [
        { pid: number },
      ];
      const open = hot.totalCount;
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        await server.database.prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
        await expect.poll(() => hot.totalCount, { timeout: 5000 }).toBe(open - 1);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
      // The pool heard the closed connection; nothing went unhandled.
      expect(uncaught).toEqual([]);
      // The process is still up, and the next send takes a new connection.
      const after = await send(api, ann, chatId, 'after');
      expect(after.seq).toBe(before.seq + 1);
      expect(
        (await api.get(messagesOf(chatId), bob.token)).body.items.map((m: { content: string }) => m.content),
      ).toEqual(expect.arrayContaining(['before', 'after']));
    },
  );

  it('accepts a reply to a message of the same chat only', async ({ api, server }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createDirect(api, ann, bob);
    const original = await send(api, ann, chatId, 'question?');
    const reply = await api.post(
      messagesOf(chatId),
      { content: 'answer', replyToId: original.id },
      bob.token,
    );
    expect(reply.status).toBe(201);
    expect(reply.body.message.replyToId).toBe(original.id);
    const elsewhere = await send(api, ann, await createDirect(api, ann, cat), 'other chat');
    const before = await server.database.prisma.chatMessage.count();
    for (const replyToId of [elsewhere.id, crypto.randomUUID()]) {
      const res = await api.post(messagesOf(chatId), { content: 'x', replyToId }, bob.token);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/not in this chat/);
    }
    expect(await server.database.prisma.chatMessage.count()).toBe(before);
    expect(
      (await server.database.prisma.chatSession.findUniqueOrThrow({ where: { id: chatId } })).lastSeq,
    ).toBe(2);
  });
});

describe(`history on ${TEST_DB}`, () => {
  let ann: TestUser;
  let bob: TestUser;
  let chatId: string;
  const seqs = (items: Array<{ seq: number }>) => items.map((m) => m.seq);
  const range = (from: number, to: number) =>
    Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));

  beforeAll(async ({ api }) => {
    [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    chatId = await createDirect(api, ann, bob);
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => send(api, ann, chatId, `message ${batch * 20 + i}`)),
      );
    }
  });

  it('pages newest first with before, and confirms delivery up to the newest message fetched', async ({
    api,
    server,
  }) => {
    const first = await api.get(messagesOf(chatId), bob.token);
    expect(seqs(first.body.items)).toEqual(range(120, 71));
    expect(first.body.nextCursor).toBe('71');
    expect((await participant(server, chatId, bob)).lastDeliveredSeq).toBe(120);
    const second = await api.get(`${messagesOf(chatId)}?before=${first.body.nextCursor}`, bob.token);
    expect(seqs(second.body.items)).toEqual(range(70, 21));
    const last = await api.get(`${messagesOf(chatId)}?before=21`, bob.token);
    expect(seqs(last.body.items)).toEqual(range(20, 1));
    expect(last.body.nextCursor).toBeNull();
    // Older pages never move the delivery watermark back.
    expect((await participant(server, chatId, bob)).lastDeliveredSeq).toBe(120);
  });

  it('catches up oldest first with after, continuing with nextCursor', async ({ api }) => {
    const page = await api.get(`${messagesOf(chatId)}?after=100&limit=10`, bob.token);
    expect(seqs(page.body.items)).toEqual(range(101, 110));
    expect(page.body.nextCursor).toBe('110');
    const rest = await api.get(`${messagesOf(chatId)}?after=110&limit=10`, bob.token);
    expect(seqs(rest.body.items)).toEqual(range(111, 120));
    expect(rest.body.nextCursor).toBeNull();
    expect((await api.get(`${messagesOf(chatId)}?after=120`, bob.token)).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('clamps limits above PAGE_MAX_ITEMS to 100 and refuses bad paging with 400', async ({ api }) => {
    const big = await api.get(`${messagesOf(chatId)}?limit=5000`, bob.token);
    expect(big.body.items).toHaveLength(100);
    for (const query of [
      'before=1&after=2',
      'before=abc',
      'after=-1',
      'limit=0',
      'before=1.5',
      'before=99999999999',
    ]) {
      const res = await api.get(`${messagesOf(chatId)}?${query}`, bob.token);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });
});

describe(`editing and deleting on ${TEST_DB}`, () => {
  it('lets the sender edit within the window, then refuses with 403 EDIT_WINDOW_EXPIRED', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const sent = await send(api, ann, chatId, 'helo');
    const edited = await api.put(message(sent.id), { content: 'hello' }, ann.token);
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({
      id: sent.id,
      seq: sent.seq,
      content: 'hello',
      editedAt: expect.any(String),
    });
    expect((await api.put(message(sent.id), { content: 'bob was here' }, bob.token)).status).toBe(403);
    expect((await api.put(message(sent.id), { content: 'y'.repeat(MAX_LENGTH + 1) }, ann.token)).status).toBe(
      413,
    );
    expect((await api.put(message(sent.id), { content: ' ' }, ann.token)).status).toBe(400);

    await server.database.prisma.chatMessage.update({
      where: { id: sent.id },
      data: { createdAt: new Date(Date.now() - (EDIT_WINDOW_SECONDS + 1) * 1000) },
    });
    const late = await api.put(message(sent.id), { content: 'too late' }, ann.token);
    expect(late.status).toBe(403);
    expect(late.body.error).toEqual({
      code: 'EDIT_WINDOW_EXPIRED',
      message: 'Messages can only be edited within 15 minutes of sending.',
    });
    const stored = await server.database.prisma.chatMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(stored.content).toBe('hello');
  });

  it('deletes for everyone, leaving a tombstone in history; deleting again returns it unchanged', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    await send(api, ann, chatId, 'keep');
    const gone = await send(api, ann, chatId, 'regret');
    await send(api, bob, chatId, 'after');
    expect((await api.delete(message(gone.id), bob.token)).status).toBe(403);
    const res = await api.delete(message(gone.id), ann.token);
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({
      id: gone.id,
      seq: 2,
      content: '',
      attachments: null,
      deletedAt: expect.any(String),
    });
    const again = await api.delete(message(gone.id), ann.token);
    expect(again.body.message).toEqual(res.body.message);
    const history = await api.get(messagesOf(chatId), bob.token);
    expect(history.body.items.map((m: { content: string }) => m.content)).toEqual(['after', '', 'keep']);
    expect(JSON.stringify(history.body)).not.toContain('regret');
    expect(
      (await server.database.prisma.chatMessage.findUniqueOrThrow({ where: { id: gone.id } })).content,
    ).toBe('');
    const edit = await api.put(message(gone.id), { content: 'revived' }, ann.token);
    expect(edit.status).toBe(409);
  });

  it('lets group ADMINs and MODERATORs delete anything, members only their own, and nobody edit notices', async ({
    api,
    server,
  }) => {
    const [ann, mod, mem] = await registerAll(api, 'Ann', 'Mod', 'Mem');
    const chatId = await createGroup(api, ann, [mod, mem]);
    await api.put(`${SESSIONS}/${chatId}`, { roles: [{ userId: mod.id, role: 'MODERATOR' }] }, ann.token);
    const fromMem = await send(api, mem, chatId, 'spam');
    const fromAnn = await send(api, ann, chatId, 'rules');
    expect((await api.delete(message(fromAnn.id), mem.token)).status).toBe(403);
    expect((await api.delete(message(fromMem.id), mod.token)).status).toBe(200);
    expect((await api.delete(message(fromAnn.id), mod.token)).status).toBe(200);

    // Mem leaves and is added back: the "Mem left" notice is theirs, but not theirs to delete or edit.
    await api.delete(`${SESSIONS}/${chatId}`, mem.token);
    await api.put(`${SESSIONS}/${chatId}`, { addParticipantIds: [mem.id] }, ann.token);
    const notice = await server.database.prisma.chatMessage.findFirstOrThrow({
      where: { chatId, content: 'Mem left' },
    });
    expect(notice).toMatchObject({ type: 'SYSTEM', senderId: mem.id });
    const refused = await api.delete(message(notice.id), mem.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/admins and moderators/);
    expect((await api.put(message(notice.id), { content: 'I never left' }, mem.token)).status).toBe(403);
    expect((await api.delete(message(notice.id), mod.token)).status).toBe(200);
  });

  it('answers an outsider and a member who left 404 on edit and delete, changing nothing', async ({
    api,
    server,
  }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = await createGroup(api, ann, [bob]);
    const bobs = await send(api, bob, chatId, 'mine');
    const anns = await send(api, ann, chatId, 'hers');
    await api.delete(`${SESSIONS}/${chatId}`, bob.token);
    const before = await server.database.prisma.chatMessage.findMany({
      where: { chatId },
      orderBy: { seq: 'asc' },
    });
    for (const [user, id] of [
      [eve, anns.id],
      [eve, bobs.id],
      [bob, bobs.id],
      [bob, anns.id],
      [eve, crypto.randomUUID()],
      [eve, 'not-an-id'],
    ] as const) {
      for (const res of [
        await api.put(message(id), { content: 'pwned' }, user.token),
        await api.delete(message(id), user.token),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual({
          code: 'NOT_FOUND',
          message: 'This message does not exist or you cannot see it.',
        });
      }
    }
    expect(
      await server.database.prisma.chatMessage.findMany({ where: { chatId }, orderBy: { seq: 'asc' } }),
    ).toEqual(before);
  });
});

describe(`read state on ${TEST_DB}`, () => {
  it('counts unread messages: not mine, not deleted, after my watermark; replying marks the chat read', async ({
    api,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    expect(await unread(api, bob, chatId)).toBe(0);
    const one = await send(api, ann, chatId, 'one');
    await send(api, ann, chatId, 'two');
    const three = await send(api, ann, chatId, 'three');
    expect(await unread(api, bob, chatId)).toBe(3);
    expect(await unread(api, ann, chatId)).toBe(0);
    await api.delete(message(three.id), ann.token);
    expect(await unread(api, bob, chatId)).toBe(2);
    const receipt = await api.post(`${SESSIONS}/${chatId}/read`, { upToMessageId: one.id }, bob.token);
    expect(receipt.status).toBe(200);
    expect(receipt.body.receipt).toMatchObject({
      chatId,
      userId: bob.id,
      upToSeq: 1,
      readAt: expect.any(String),
    });
    expect(await unread(api, bob, chatId)).toBe(1);
    await send(api, bob, chatId, 'mine');
    expect(await unread(api, bob, chatId)).toBe(0);
    expect(await unread(api, ann, chatId)).toBe(1);
  });

  it('never moves the read watermark back, records only moves, and raises delivery with it', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const first = await send(api, ann, chatId, 'one');
    await send(api, ann, chatId, 'two');
    const all = await api.post(`${SESSIONS}/${chatId}/read`, {}, bob.token);
    expect(all.body.receipt.upToSeq).toBe(2);
    expect(await participant(server, chatId, bob)).toMatchObject({ lastReadSeq: 2, lastDeliveredSeq: 2 });
    const back = await api.post(`${SESSIONS}/${chatId}/read`, { upToMessageId: first.id }, bob.token);
    expect(back.status).toBe(200);
    expect(back.body.receipt).toEqual(all.body.receipt);
    await api.post(`${SESSIONS}/${chatId}/read`, {}, bob.token);
    const reads = await server.database.prisma.messageRead.findMany({ where: { chatId, userId: bob.id } });
    expect(reads.map((r) => r.upToSeq)).toEqual([2]);
    expect(await unread(api, bob, chatId)).toBe(0);
  });

  it('refuses a message of another chat with 400 and a malformed id with 400', async ({ api, server }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chatId = await createDirect(api, ann, bob);
    await send(api, ann, chatId, 'here');
    const other = await send(api, ann, await createDirect(api, ann, cat), 'there');
    const res = await api.post(`${SESSIONS}/${chatId}/read`, { upToMessageId: other.id }, bob.token);
    expect(res.status).toBe(400);
    expect((await api.post(`${SESSIONS}/${chatId}/read`, { upToMessageId: 'x' }, bob.token)).status).toBe(
      400,
    );
    expect((await participant(server, chatId, bob)).lastReadSeq).toBe(0);
  });
});

describe(`live events from REST writes on ${TEST_DB}`, () => {
  it('announces sends, edits, deletes and reads to the chat, and nothing to outsiders', async ({
    api,
    openSocket,
  }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = await createDirect(api, ann, bob);
    const annSocket = await openSocket({ token: ann.token });
    const bobSocket = await openSocket({ token: bob.token });
    const eveSocket = await openSocket({ token: eve.token });
    // Acked once the server has subscribed the socket to its chats.
    for (const socket of [annSocket, bobSocket]) {
      expect(await socket.timeout(5000).emitWithAck('join_chat', { chatId })).toMatchObject({ ok: true });
    }
    const eveHeard: unknown[] = [];
    for (const event of ['message_received', 'message_edited', 'message_deleted', 'messages_read']) {
      eveSocket.on(event as 'message_received', (payload) => eveHeard.push(payload));
    }

    const received = nextEvent<{ id: string; content: string }>(bobSocket, 'message_received');
    const sent = await send(api, ann, chatId, 'live');
    expect(await received).toMatchObject({ id: sent.id, content: 'live' });

    const edited = nextEvent<{ content: string }>(bobSocket, 'message_edited');
    await api.put(message(sent.id), { content: 'live!' }, ann.token);
    expect((await edited).content).toBe('live!');

    const read = nextEvent<{ userId: string; upToSeq: number }>(annSocket, 'messages_read');
    await api.post(`${SESSIONS}/${chatId}/read`, {}, bob.token);
    expect(await read).toMatchObject({ chatId, userId: bob.id, upToSeq: 1 });

    const deleted = nextEvent<{ id: string; content: string }>(bobSocket, 'message_deleted');
    await api.delete(message(sent.id), ann.token);
    expect(await deleted).toMatchObject({ id: sent.id, content: '' });
    expect(eveHeard).toEqual([]);
  });
});
