// The history page, the unread count and mark read run as prepared
// statements through `pg` on PostgreSQL (lib/db/prepared.ts), and through
// Prisma on PGlite or without those connections. Both paths must answer
// byte for byte the same: `pg` parses rows itself (timestamps, JSON, arrays).
import { listMessages } from '@/lib/chat/list-messages';
import { markRead } from '@/lib/chat/mark-read';
import { unreadCount } from '@/lib/chat/unread-count';
import { setDatabase } from '@/lib/db';
import { registerAll, type TestUser } from './support/api';
import { createGroup } from './support/chat';
import { describe, expect, it } from './support/fixtures';
import { messagesOf } from './support/moderation';
import { TEST_DB, type TestServer } from './support/server';

const messageUrl = (id: string) => `/api/v1/chat/messages/${id}`;
const reactionPath = (id: string, emoji: string) =>
  `${messageUrl(id)}/reactions/${encodeURIComponent(emoji)}`;

/** `work` as it runs without the prepared statements' connections: Prisma's path. */
async function throughPrisma<T>(server: TestServer, work: () => Promise<T>): Promise<T> {
  setDatabase({ ...server.database, hotRequestPool: undefined });
  try {
    return await work();
  } finally {
    setDatabase(server.database);
  }
}

describe.runIf(TEST_DB === 'postgres')('prepared statements on PostgreSQL', () => {
  it('give the same history pages, unread counts and read receipts as Prisma', async ({ api, server }) => {
    expect(server.database.hotRequestPool).toBeDefined();
    // Dan and Eve only read.
    const [ann, bob, carol, dan, eve, fay] = await registerAll(
      api,
      'Ann',
      'Bob',
      'Carol',
      'Dan',
      'Eve',
      'Fay',
    );
    const chatId = await createGroup(api, ann, [bob, carol, dan, eve]);
    const send = async (who: TestUser, body: object) =>
      (await api.post(messagesOf(chatId), body, who.token)).body.message as { id: string; seq: number };

    // Every kind of row the page maps: mentions, a reply, an edit, a tombstone,
    // one hidden for Ann, reactions (Carol's hidden from Ann by a block), a timer.
    const first = await send(bob, {
      content: `@${ann.name} hello`,
      mentions: [{ userId: ann.id, offset: 0, length: 4 }],
    });
    const reply = await send(ann, { content: 'a reply', replyToId: first.id, clientMessageId: 'c-1' });
    expect((await api.put(messageUrl(reply.id), { content: 'a reply, edited' }, ann.token)).status).toBe(200);
    const gone = await send(bob, { content: 'deleted soon' });
    expect((await api.delete(messageUrl(gone.id), bob.token)).status).toBe(200);
    const hidden = await send(carol, { content: 'hidden from Ann' });
    expect((await api.delete(`${messageUrl(hidden.id)}?forEveryone=false`, ann.token)).status).toBe(200);
    for (const [who, emoji] of [
      [bob, '👍'],
      [carol, '👍'],
      [ann, '❤️'],
      [carol, '😂'],
    ] as const) {
      expect((await api.put(reactionPath(first.id, emoji), undefined, who.token)).status).toBeLessThan(300);
    }
    expect((await api.post('/api/v1/blocks', { userId: carol.id }, ann.token)).status).toBe(201);
    const timer = `/api/v1/chat/sessions/${chatId}/disappearing`;
    expect((await api.put(timer, { disappearAfterSeconds: 86_400 }, ann.token)).status).toBe(200);
    const last = await send(carol, { content: 'disappears in a day' });

    for (const viewer of [ann, bob]) {
      for (const query of [
        {},
        { limit: 2 },
        { before: last.seq },
        { after: 0, limit: 3 },
        { after: reply.seq },
      ]) {
        const options = { userId: viewer.id, chatId, ...query };
        const prepared = await listMessages(options);
        const prisma = await throughPrisma(server, () => listMessages(options));
        expect(prepared.items.length).toBeGreaterThan(0);
        expect(JSON.stringify(prepared)).toBe(JSON.stringify(prisma));
      }
      const counts = { userId: viewer.id, chatId };
      expect(JSON.stringify(await unreadCount(counts))).toBe(
        JSON.stringify(await throughPrisma(server, () => unreadCount(counts))),
      );
    }
    const page = await listMessages({ userId: ann.id, chatId });
    expect(page.items.find((m) => m.id === first.id)?.reactions).toEqual([
      { emoji: '👍', count: 1, userIds: [bob.id] },
      { emoji: '❤️', count: 1, userIds: [ann.id] },
    ]);
    expect(page.items.some((m) => m.id === hidden.id)).toBe(false);

    // Dan's read moves through the prepared statement, Eve's through Prisma: the same receipt.
    const danRead = await markRead({ userId: dan.id, chatId, upToMessageId: reply.id });
    const eveRead = await throughPrisma(server, () =>
      markRead({ userId: eve.id, chatId, upToMessageId: reply.id }),
    );
    expect({ ...danRead, userId: eve.id, readAt: eveRead.readAt }).toEqual(eveRead);
    expect(danRead).toEqual({ chatId, userId: dan.id, upToSeq: reply.seq, readAt: expect.any(String) });
    expect(Date.parse(danRead.readAt)).toBeGreaterThan(Date.now() - 60_000);
    // Not in the chat: refused the same way on both paths.
    const outsider = { userId: fay.id, chatId };
    await expect(listMessages(outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unreadCount(outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(markRead(outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
