// The chat list and sync cost the same whatever the user's chats hold: a
// list entry carries a few members and a count, a sync a bounded number of
// messages, and both say when there is more.
import { registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call } from './support/emit';
import { TEST_DB, type TestServer } from './support/server';
import { describe, expect, it } from './support/fixtures';

/** Appends `n` messages to a chat straight in the database: this test is about reading them back. */
async function seedMessages(server: TestServer, chatId: string, from: TestUser, n: number) {
  const prisma = server.database.prisma;
  const chat = await prisma.chatSession.findUniqueOrThrow({ where: { id: chatId } });
  await prisma.chatMessage.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      chatId,
      seq: chat.lastSeq + i + 1,
      senderId: from.id,
      content: `m${i}`,
    })),
  });
  await prisma.chatSession.update({
    where: { id: chatId },
    data: { lastSeq: chat.lastSeq + n, lastMessageAt: new Date() },
  });
}

describe(`bounded reads on ${TEST_DB}`, () => {
  it('lists a large group with the caller and two others, and the count; the details carry everyone', async ({
    api,
    openSocket,
  }) => {
    const people = await registerAll(api, 'Me', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I');
    const [me, ...others] = people;
    const admin = others[0] as TestUser;
    const groupId = await createGroup(api, admin, [me, ...others.slice(1)]);
    const peer = others[1] as TestUser;
    const directId = await createDirect(api, me, peer);

    const list = await api.get('/api/v1/chat/sessions', me.token);
    expect(list.status).toBe(200);
    const group = list.body.items.find((c: { id: string }) => c.id === groupId);
    expect(group.participantCount).toBe(10);
    expect(group.participants).toHaveLength(3);
    expect(group.participants[0].id).toBe(me.id);
    const direct = list.body.items.find((c: { id: string }) => c.id === directId);
    expect(direct.participantCount).toBe(2);
    expect(direct.participants.map((p: { id: string }) => p.id).sort()).toEqual([me.id, peer.id].sort());

    const details = await api.get(`/api/v1/chat/sessions/${groupId}`, me.token);
    expect(details.body.chat.participantCount).toBe(10);
    expect(details.body.chat.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      people.map((p) => p.id).sort(),
    );

    // A sync's new chats come as the list shows them.
    const sock = await openSocket({ token: me.token });
    const res = await call(sock, 'sync', { since: {} });
    if (!res.ok) throw new Error(res.error.message);
    const synced = res.data.chats.find((c: { id: string }) => c.id === groupId);
    expect(synced).toMatchObject({ participantCount: 10 });
    expect(synced.participants).toHaveLength(3);
  });

  it('returns at most 2,000 missed messages per sync, each chat without a gap, and says there is more', async ({
    api,
    server,
    openSocket,
  }) => {
    const [me, other] = await registerAll(api, 'Reader', 'Writer');
    const chatIds: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = await createGroup(api, other, [me], `g${i}`);
      chatIds.push(id);
    }
    for (const id of chatIds) await seedMessages(server, id, other, 100);
    const sock = await openSocket({ token: me.token });
    const since = Object.fromEntries(chatIds.map((id) => [id, 0]));
    let rounds = 0;
    const seen = new Map<string, number[]>();
    for (;;) {
      rounds++;
      const res = await call(sock, 'sync', { since });
      if (!res.ok) throw new Error(res.error.message);
      expect(res.data.messages.length).toBeLessThanOrEqual(2000);
      for (const m of res.data.messages as Array<{ chatId: string; seq: number }>) {
        const list = seen.get(m.chatId) ?? [];
        // Each chat continues exactly where its watermark was.
        expect(m.seq).toBe((since[m.chatId] ?? 0) + 1);
        since[m.chatId] = m.seq;
        list.push(m.seq);
        seen.set(m.chatId, list);
      }
      if (!res.data.truncated) break;
      expect(rounds).toBeLessThan(5);
    }
    expect(rounds).toBe(2);
    // 100 messages plus the group's "created" notice in each chat, every one exactly once.
    for (const id of chatIds) expect(seen.get(id)?.length, id).toBe(since[id]);
    expect(chatIds.every((id) => (since[id] ?? 0) >= 100)).toBe(true);
  });
});
