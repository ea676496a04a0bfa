// Chats over HTTP: direct chats, groups and their roles, leaving, listing.
import { type Api, registerAll, type TestUser } from './support/api';
import { createDirect } from './support/chat';
import { snapshotDb } from './support/db';
import { TEST_DB, type TestServer } from './support/server';
import { describe, expect, it } from './support/fixtures';

// A small cap keeps the over-the-limit cases cheap.
const GROUP_MAX = 5;

it.override('serverEnv', { GROUP_MAX_PARTICIPANTS: String(GROUP_MAX) });

const SESSIONS = '/api/v1/chat/sessions';
const session = (id: string) => `${SESSIONS}/${id}`;

async function group(api: Api, admin: TestUser, members: TestUser[], name = 'Team') {
  const res = await api.post(
    SESSIONS,
    { type: 'GROUP', name, participantIds: members.map((m) => m.id) },
    admin.token,
  );
  expect(res.status).toBe(201);
  return res.body.chat;
}

async function history(api: Api, chatId: string, user: TestUser) {
  const res = await api.get(`${session(chatId)}/messages`, user.token);
  expect(res.status).toBe(200);
  return res.body.items as Array<{ type: string; content: string; senderId: string; seq: number }>;
}

async function listIds(api: Api, user: TestUser): Promise<string[]> {
  const res = await api.get(SESSIONS, user.token);
  expect(res.status).toBe(200);
  return res.body.items.map((c: { id: string }) => c.id);
}

const roleOf = (chat: { participants: Array<{ id: string; role: string }> }, user: TestUser) =>
  chat.participants.find((p) => p.id === user.id)?.role;

describe(`direct chats on ${TEST_DB}`, () => {
  it('makes one chat per pair, from either side: 201 the first time, then 200 with the same chat', async ({
    api,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const first = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: bob.id }, ann.token);
    expect(first.status).toBe(201);
    expect(first.body.chat).toMatchObject({ type: 'DIRECT', name: null, lastSeq: 0 });
    expect(first.body.chat.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      [ann.id, bob.id].sort(),
    );
    const back = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: ann.id }, bob.token);
    expect(back.status).toBe(200);
    expect(back.body.chat.id).toBe(first.body.chat.id);
    const upper = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: bob.id.toUpperCase() }, ann.token);
    expect(upper.status).toBe(200);
    expect(upper.body.chat.id).toBe(first.body.chat.id);
  });

  it('makes exactly one chat when both sides open it 10 times at once', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? api.post(SESSIONS, { type: 'DIRECT', targetUserId: bob.id }, ann.token)
          : api.post(SESSIONS, { type: 'DIRECT', targetUserId: ann.id }, bob.token),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.chat.id)).size).toBe(1);
    const key = [ann.id, bob.id].sort().join(':');
    expect(await server.database.prisma.chatSession.count({ where: { directKey: key } })).toBe(1);
  });

  it('refuses a chat with yourself (400), an unknown user (404) and a malformed id (400), storing nothing', async ({
    api,
    server,
  }) => {
    const [ann] = await registerAll(api, 'Ann');
    const before = await snapshotDb(server.database.prisma);
    const self = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: ann.id }, ann.token);
    expect(self.status).toBe(400);
    expect(self.body.error.message).toMatch(/yourself/);
    const unknown = await api.post(
      SESSIONS,
      { type: 'DIRECT', targetUserId: crypto.randomUUID() },
      ann.token,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const malformed = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: 'bob' }, ann.token);
    expect(malformed.status).toBe(400);
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  });

  it('hides a direct chat for the leaver only, until a newer message arrives or they open it again', async ({
    api,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    await api.post(`${session(chatId)}/messages`, { content: 'hi' }, ann.token);
    expect((await api.delete(session(chatId), ann.token)).status).toBe(204);
    expect(await listIds(api, ann)).not.toContain(chatId);
    expect(await listIds(api, bob)).toContain(chatId);
    // Hidden is not gone: Ann can still read it.
    expect((await api.get(session(chatId), ann.token)).status).toBe(200);

    await api.post(`${session(chatId)}/messages`, { content: 'are you there?' }, bob.token);
    const list = await api.get(SESSIONS, ann.token);
    const item = list.body.items.find((c: { id: string }) => c.id === chatId);
    expect(item).toMatchObject({ unreadCount: 1, lastMessage: { content: 'are you there?' } });

    await api.delete(session(chatId), ann.token);
    expect(await listIds(api, ann)).not.toContain(chatId);
    const reopened = await api.post(SESSIONS, { type: 'DIRECT', targetUserId: bob.id }, ann.token);
    expect(reopened.status).toBe(200);
    expect(await listIds(api, ann)).toContain(chatId);
  });

  it('refuses to delete a direct chat for everyone (403) and to change it (400)', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createDirect(api, ann, bob);
    const before = await snapshotDb(server.database.prisma);
    const del = await api.delete(`${session(chatId)}?forEveryone=true`, ann.token);
    expect(del.status).toBe(403);
    const put = await api.put(session(chatId), { name: 'Renamed' }, ann.token);
    expect(put.status).toBe(400);
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  });
});

describe(`groups on ${TEST_DB}`, () => {
  it('makes the creator ADMIN and the others MEMBERs, de-duplicates ids and records the creation', async ({
    api,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const res = await api.post(
      SESSIONS,
      { type: 'GROUP', name: ' Weekend ', participantIds: [bob.id, bob.id.toUpperCase(), cat.id, ann.id] },
      ann.token,
    );
    expect(res.status).toBe(201);
    const chat = res.body.chat;
    expect(chat).toMatchObject({ type: 'GROUP', name: 'Weekend', createdById: ann.id, lastSeq: 1 });
    expect(chat.participants).toHaveLength(3);
    expect([roleOf(chat, ann), roleOf(chat, bob), roleOf(chat, cat)]).toEqual(['ADMIN', 'MEMBER', 'MEMBER']);
    expect(await history(api, chat.id, bob)).toEqual([
      expect.objectContaining({
        type: 'SYSTEM',
        content: 'Ann created the group "Weekend"',
        senderId: ann.id,
        seq: 1,
      }),
    ]);
    expect((await api.get(`${session(chat.id)}/unread`, bob.token)).body.count).toBe(1);
    expect((await api.get(`${session(chat.id)}/unread`, ann.token)).body.count).toBe(0);
  });

  it('refuses unknown people with 400 without naming them, and groups over the cap with 400', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const before = await snapshotDb(server.database.prisma);
    const ghost = crypto.randomUUID();
    const res = await api.post(
      SESSIONS,
      { type: 'GROUP', name: 'G', participantIds: [bob.id, ghost] },
      ann.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('participantIds: One of the people you chose does not exist.');
    expect(JSON.stringify(res.body)).not.toContain(ghost);

    const crowd = await registerAll(api, 'A', 'B', 'C', 'D', 'E');
    const big = await api.post(
      SESSIONS,
      { type: 'GROUP', name: 'G', participantIds: crowd.map((u) => u.id) },
      ann.token,
    );
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(`at most ${GROUP_MAX} participants`);
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  });

  it('lets an ADMIN change details, members and roles, each change leaving a SYSTEM message', async ({
    api,
  }) => {
    const [ann, bob, cat, dan] = await registerAll(api, 'Ann', 'Bob', 'Cat', 'Dan');
    const chat = await group(api, ann, [bob, cat]);
    const res = await api.put(
      session(chat.id),
      {
        name: 'Renamed',
        description: 'About us',
        avatarUrl: 'https://example.com/a.png',
        addParticipantIds: [dan.id],
        removeParticipantIds: [cat.id],
        roles: [{ userId: bob.id, role: 'MODERATOR' }],
      },
      ann.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.chat).toMatchObject({
      name: 'Renamed',
      description: 'About us',
      avatarUrl: 'https://example.com/a.png',
    });
    const roles = res.body.chat.participants.map(
      (p: { name: string; role: string }) => `${p.name}:${p.role}`,
    );
    expect(roles.sort()).toEqual(['Ann:ADMIN', 'Bob:MODERATOR', 'Dan:MEMBER']);
    const notices = (await history(api, chat.id, ann))
      .filter((m) => m.type === 'SYSTEM')
      .map((m) => m.content);
    expect(notices.slice(0, 6).reverse()).toEqual([
      'Ann renamed the group to "Renamed"',
      'Ann changed the group description',
      'Ann changed the group photo',
      'Ann added Dan',
      'Ann removed Cat',
      'Ann made Bob a moderator',
    ]);
    // Dan starts with only the changes that brought him in to read.
    expect((await api.get(`${session(chat.id)}/unread`, dan.token)).body.count).toBe(6);
    expect((await api.get(session(chat.id), cat.token)).status).toBe(404);
  });

  it('lets a MODERATOR add people and remove MEMBERs only, and a MEMBER change nothing', async ({
    api,
    server,
  }) => {
    const [ann, mod, mem, other, newbie] = await registerAll(api, 'Ann', 'Mod', 'Mem', 'Other', 'Newbie');
    const chat = await group(api, ann, [mod, mem, other]);
    await api.put(session(chat.id), { roles: [{ userId: mod.id, role: 'MODERATOR' }] }, ann.token);
    const before = await snapshotDb(server.database.prisma);
    const refused: Array<[TestUser, object]> = [
      [mod, { name: 'Mine now' }],
      [mod, { description: null }],
      [mod, { roles: [{ userId: mem.id, role: 'MODERATOR' }] }],
      [mod, { removeParticipantIds: [ann.id] }],
      [mem, { addParticipantIds: [newbie.id] }],
      [mem, { removeParticipantIds: [other.id] }],
      [mem, { name: 'Mine now' }],
    ];
    for (const [who, body] of refused) {
      const res = await api.put(session(chat.id), body, who.token);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await snapshotDb(server.database.prisma)).toEqual(before);

    const ok = await api.put(
      session(chat.id),
      { addParticipantIds: [newbie.id], removeParticipantIds: [mem.id] },
      mod.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.chat.participants.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([newbie.id]),
    );
    expect(roleOf(ok.body.chat, mem)).toBeUndefined();
  });

  it('refuses changes that would break the group, with 400 and nothing changed', async ({ api, server }) => {
    const [ann, bob, outsider, a, b, c] = await registerAll(api, 'Ann', 'Bob', 'Outsider', 'A', 'B', 'C');
    const chat = await group(api, ann, [bob]);
    const before = await snapshotDb(server.database.prisma);
    const cases: Array<[object, RegExp]> = [
      [{ roles: [{ userId: ann.id, role: 'MEMBER' }] }, /at least one admin/],
      [{ roles: [{ userId: outsider.id, role: 'MODERATOR' }] }, /must be in the group/],
      [{ removeParticipantIds: [ann.id] }, /leave it/],
      [{ addParticipantIds: [outsider.id], removeParticipantIds: [outsider.id] }, /not both/],
      [{ addParticipantIds: [a.id, b.id, c.id, outsider.id] }, /at most 5 participants/],
      [{ addParticipantIds: [crypto.randomUUID()] }, /does not exist/],
      [{}, /Nothing to change/],
    ];
    for (const [body, message] of cases) {
      const res = await api.put(session(chat.id), body, ann.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  });

  it('brings back someone who left when they are added again, as a MEMBER with a new joinedAt', async ({
    api,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chat = await group(api, ann, [bob]);
    await api.put(session(chat.id), { roles: [{ userId: bob.id, role: 'MODERATOR' }] }, ann.token);
    const joined = roleOfRow(await api.get(session(chat.id), bob.token), bob).joinedAt;
    expect((await api.delete(session(chat.id), bob.token)).status).toBe(204);
    expect(await listIds(api, bob)).not.toContain(chat.id);
    const res = await api.put(session(chat.id), { addParticipantIds: [bob.id] }, ann.token);
    expect(res.status).toBe(200);
    const back = roleOfRow(res, bob);
    expect(back.role).toBe('MEMBER');
    expect(Date.parse(back.joinedAt)).toBeGreaterThan(Date.parse(joined));
    expect(await listIds(api, bob)).toContain(chat.id);
    // Adding someone already in the group changes nothing and says nothing.
    const again = await api.put(session(chat.id), { addParticipantIds: [bob.id] }, ann.token);
    expect(again.body.chat.lastSeq).toBe(res.body.chat.lastSeq);
  });

  it('records a leave, and makes the longest-standing member ADMIN when the last admin leaves', async ({
    api,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chat = await group(api, ann, [bob]);
    await api.put(session(chat.id), { addParticipantIds: [cat.id] }, ann.token);
    expect((await api.delete(session(chat.id), ann.token)).status).toBe(204);
    const after = await api.get(session(chat.id), cat.token);
    expect(roleOf(after.body.chat, bob)).toBe('ADMIN');
    expect(roleOf(after.body.chat, cat)).toBe('MEMBER');
    expect(after.body.chat.participants).toHaveLength(2);
    const notices = (await history(api, chat.id, cat)).slice(0, 2).map((m) => m.content);
    expect(notices).toEqual(['Bob is now an admin', 'Ann left']);
    expect((await api.get(session(chat.id), ann.token)).status).toBe(404);
  });

  it('keeps an admin when two admins leave at the same moment', async ({ api }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const chat = await group(api, ann, [bob, cat]);
    await api.put(session(chat.id), { roles: [{ userId: bob.id, role: 'ADMIN' }] }, ann.token);
    const [a, b] = await Promise.all([
      api.delete(session(chat.id), ann.token),
      api.delete(session(chat.id), bob.token),
    ]);
    expect([a.status, b.status]).toEqual([204, 204]);
    const after = await api.get(session(chat.id), cat.token);
    expect(after.body.chat.participants).toEqual([expect.objectContaining({ id: cat.id, role: 'ADMIN' })]);
  });

  it('deletes a group for everyone only at an ADMIN’s request', async ({ api, server }) => {
    const [ann, mod, mem] = await registerAll(api, 'Ann', 'Mod', 'Mem');
    const chat = await group(api, ann, [mod, mem]);
    await api.put(session(chat.id), { roles: [{ userId: mod.id, role: 'MODERATOR' }] }, ann.token);
    await api.post(`${session(chat.id)}/messages`, { content: 'bye' }, mem.token);
    for (const who of [mod, mem]) {
      const res = await api.delete(`${session(chat.id)}?forEveryone=true`, who.token);
      expect(res.status).toBe(403);
    }
    expect((await api.delete(`${session(chat.id)}?forEveryone=maybe`, ann.token)).status).toBe(400);
    expect((await api.delete(`${session(chat.id)}?forEveryone=true`, ann.token)).status).toBe(204);
    for (const who of [ann, mod, mem]) expect((await api.get(session(chat.id), who.token)).status).toBe(404);
    const p = server.database.prisma;
    expect(await p.chatMessage.count({ where: { chatId: chat.id } })).toBe(0);
    expect(await p.chatParticipant.count({ where: { chatId: chat.id } })).toBe(0);
  });
});

function roleOfRow(
  res: { body: { chat: { participants: Array<{ id: string; role: string; joinedAt: string }> } } },
  user: TestUser,
) {
  const row = res.body.chat.participants.find((p) => p.id === user.id);
  if (!row) throw new Error(`${user.name} is not in the chat`);
  return row;
}

describe(`the chat list on ${TEST_DB}`, () => {
  it('orders by latest activity, with participants, presence, last message and unread count, in cursor pages', async ({
    api,
    server,
  }) => {
    const [me, bob, cat] = await registerAll(api, 'Me', 'Bob', 'Cat');
    const withBob = await createDirect(api, me, bob);
    const withCat = await createDirect(api, me, cat);
    const team = (await group(api, me, [bob, cat])).id;
    await api.post(`${session(withBob)}/messages`, { content: 'newest' }, bob.token);
    await server.database.prisma.userPresence.create({ data: { userId: bob.id, status: 'ONLINE' } });

    const first = await api.get(`${SESSIONS}?limit=2`, me.token);
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([withBob, team]);
    const top = first.body.items[0];
    expect(top).toMatchObject({ unreadCount: 1, lastMessage: { content: 'newest', senderId: bob.id } });
    const bobThere = top.participants.find((p: { id: string }) => p.id === bob.id);
    expect(bobThere).toMatchObject({
      name: 'Bob',
      avatarUrl: null,
      role: 'MEMBER',
      presence: { status: 'online' },
    });
    expect(top.participants.find((p: { id: string }) => p.id === me.id).presence.status).toBe('offline');
    expect(first.body.items[1]).toMatchObject({ unreadCount: 0, lastMessage: { type: 'SYSTEM' } });
    expect(typeof first.body.nextCursor).toBe('string');

    const second = await api.get(`${SESSIONS}?limit=2&cursor=${first.body.nextCursor}`, me.token);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: withCat, lastMessage: null })],
      nextCursor: null,
    });
  });

  it('clamps a limit above PAGE_MAX_ITEMS and refuses bad cursors and limits with 400', async ({ api }) => {
    const [me] = await registerAll(api, 'Me');
    expect((await api.get(`${SESSIONS}?limit=100000`, me.token)).status).toBe(200);
    for (const query of [
      'cursor=nope',
      'cursor=eyJhdCI6MX0',
      'limit=0',
      'limit=-1',
      'limit=1.5',
      'limit=ten',
    ]) {
      const res = await api.get(`${SESSIONS}?${query}`, me.token);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });
});

describe(`chat access on ${TEST_DB}`, () => {
  async function expectNoAccess(api: Api, server: TestServer, user: TestUser, chatId: string) {
    const before = await snapshotDb(server.database.prisma);
    const attempts = [
      api.get(session(chatId), user.token),
      api.put(session(chatId), { name: 'Mine' }, user.token),
      api.delete(session(chatId), user.token),
      api.delete(`${session(chatId)}?forEveryone=true`, user.token),
      api.get(`${session(chatId)}/messages`, user.token),
      api.post(`${session(chatId)}/messages`, { content: 'let me in' }, user.token),
      api.post(`${session(chatId)}/read`, {}, user.token),
      api.get(`${session(chatId)}/unread`, user.token),
      api.get(`${session(chatId)}/search?q=secret`, user.token),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({
        code: 'NOT_FOUND',
        message: 'This chat does not exist or you are not in it.',
      });
    }
    expect(await snapshotDb(server.database.prisma)).toEqual(before);
  }

  it('answers an outsider 404 everywhere, exactly as for a chat that does not exist', async ({
    api,
    server,
  }) => {
    const [ann, bob, eve] = await registerAll(api, 'Ann', 'Bob', 'Eve');
    const chatId = (await group(api, ann, [bob])).id;
    await api.post(`${session(chatId)}/messages`, { content: 'secret' }, ann.token);
    await expectNoAccess(api, server, eve, chatId);
    await expectNoAccess(api, server, eve, await createDirect(api, ann, bob));
    await expectNoAccess(api, server, eve, crypto.randomUUID());
    await expectNoAccess(api, server, eve, 'not-a-uuid');
  });

  it('answers a member who left 404 everywhere', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = (await group(api, ann, [bob])).id;
    await api.post(`${session(chatId)}/messages`, { content: 'secret' }, ann.token);
    expect((await api.delete(session(chatId), bob.token)).status).toBe(204);
    await expectNoAccess(api, server, bob, chatId);
  });

  it('answers 401 without credentials', async ({ api }) => {
    const id = crypto.randomUUID();
    for (const [method, path] of [
      ['GET', SESSIONS],
      ['POST', SESSIONS],
      ['GET', session(id)],
      ['PUT', session(id)],
      ['DELETE', session(id)],
      ['GET', `${session(id)}/messages`],
      ['POST', `${session(id)}/messages`],
      ['POST', `${session(id)}/read`],
      ['GET', `${session(id)}/unread`],
      ['GET', `${session(id)}/search?q=x`],
      ['GET', `/api/v1/chat/messages/${id}`],
      ['PUT', `/api/v1/chat/messages/${id}`],
      ['DELETE', `/api/v1/chat/messages/${id}`],
      ['GET', '/api/v1/users/search?q=x'],
      ['GET', `/api/v1/users/${id}`],
    ] as const) {
      const res = await api.request(method, path, method === 'POST' || method === 'PUT' ? { body: {} } : {});
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });
});
