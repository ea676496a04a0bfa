// Deleting one's account (issue 21): deactivated at once (sockets, tokens,
// browser sessions end), cancelled by signing in during the grace period,
// erased after it (messages kept as "Deleted account" tombstones, report
// evidence and the media it holds untouched, everything else of theirs gone).
import { mediaStorage } from '@/lib/media/storage';
import { eraseDueAccounts } from '@/lib/users/erase-accounts';
import { registerAll, type Api, type TestUser } from './support/api';
import { signInWithCookie } from './support/browser-session';
import { createDirect, createGroup, waitFor } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { attachToMessage, tinyPng, upload } from './support/media';
import { NOTICES, messagesOf, reportId, sendAll } from './support/moderation';
import { TEST_DB } from './support/server';

const ME = '/api/v1/users/me';
const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

const deleteAccount = (api: Api, who: TestUser, body: unknown = { password: who.password }) =>
  api.request('DELETE', ME, { token: who.token, body });
const signIn = (api: Api, who: TestUser) =>
  api.post('/api/v1/auth/token', { email: who.email, password: who.password });

async function history(api: Api, who: TestUser, chatId: string): Promise<any[]> {
  const res = await api.get(messagesOf(chatId), who.token);
  expect(res.status).toBe(200);
  return res.body.items;
}

// The server starts here, under the hook's longer timeout, rather than in the first test.
beforeAll(async ({ api }) => {
  expect((await api.get('/api/health')).status).toBe(200);
});

describe(`account deletion on ${TEST_DB}`, () => {
  it('deactivates the account at once, and signing in during the grace period cancels it', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const cookie = await signInWithCookie(server.url, ann.email, ann.password);
    const sockets = await Promise.all([
      openSocket({ token: ann.token }),
      openSocket({ headers: { cookie, origin: server.url } }),
    ]);
    const bobs = await openSocket({ token: bob.token });

    const res = await deleteAccount(api, ann);
    expect(res.status).toBe(202);
    const { requestedAt, erasesAt } = res.body.deletion;
    expect(Date.parse(erasesAt) - Date.parse(requestedAt)).toBe(14 * DAY);
    await waitFor(() => sockets.every((s) => !s.connected), 5_000, 'her sockets to close');
    expect((await api.get(ME, ann.token)).status).toBe(401);
    expect((await api.request('GET', ME, { headers: { cookie } })).status).toBe(401);
    await expect(openSocket({ token: ann.token })).rejects.toThrow(/session has ended/);
    // Nobody finds her meanwhile; Bob carries on.
    const found = await api.get(`/api/v1/users/search?q=${encodeURIComponent('Ann')}`, bob.token);
    expect(found.body.users.map((u: { id: string }) => u.id)).not.toContain(ann.id);
    expect(bobs.connected).toBe(true);

    const back = await signIn(api, ann);
    expect(back.status).toBe(200);
    expect(back.body.deletionCancelled).toBe(true);
    const token = back.body.token as string;
    expect((await api.get(ME, token)).status).toBe(200);
    const notices = (await api.get(NOTICES, token)).body.notices;
    expect(notices.map((n: { kind: string }) => n.kind)).toContain('account.restored');
    // Long after the grace period would have ended, nothing is erased.
    expect(await eraseDueAccounts({ now: inDays(30) })).not.toContain(ann.id);
    expect((await api.get(ME, token)).body.user.name).toBe('Ann');
    expect((await signIn(api, ann)).body.deletionCancelled).toBe(false);
  });

  it('refuses a missing or wrong password, and changes nothing', async ({ api, server }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const before = await server.database.prisma.user.findMany({
      where: { id: { in: [ann.id, bob.id] } },
      orderBy: { id: 'asc' },
    });
    const noBody = await api.request('DELETE', ME, { token: ann.token });
    expect(noBody.status).toBe(415);
    for (const body of [null, {}, { password: '' }, { password: 1 }, { password: 'x', extra: 1 }]) {
      const res = await deleteAccount(api, ann, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toMatch(/VALIDATION|INVALID_JSON/);
    }
    const wrong = await deleteAccount(api, ann, { password: `${ann.password}-not` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('The password is incorrect. Your account was not deleted.');
    // Someone else's password does not delete one's own account, nor theirs.
    expect((await deleteAccount(api, bob, { password: ann.password })).status).toBe(401);
    expect((await api.request('DELETE', ME, { body: { password: ann.password } })).status).toBe(401);
    // Nobody may pass for an erased account.
    const impostor = await api.request('PATCH', ME, {
      token: bob.token,
      body: { name: ' deleted ACCOUNT ' },
    });
    expect(impostor.status).toBe(400);
    const after = await server.database.prisma.user.findMany({
      where: { id: { in: [ann.id, bob.id] } },
      orderBy: { id: 'asc' },
    });
    expect(after).toEqual(before);
    expect((await api.get(ME, ann.token)).status).toBe(200);
    expect((await api.get(ME, bob.token)).status).toBe(200);
  });

  it('erases the account after the grace period, keeping what others and reports hold', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const [carl, dana, erin] = await registerAll(api, 'Carl', 'Dana', 'Erin');
    const directId = await createDirect(api, carl, dana);
    const groupId = await createGroup(api, carl, [dana, erin], 'Carl’s group');
    const [secret] = await sendAll(api, carl, directId, ['secret plan alpha']);
    const [danas] = await sendAll(api, dana, directId, ['reply from dana']);
    await sendAll(api, carl, groupId, ['group hello zebra']);
    expect(
      (await api.put(`/api/v1/chat/messages/${danas.id}/reactions/%F0%9F%91%8D`, undefined, carl.token))
        .status,
    ).toBe(200);
    // Media: one a report holds, one nobody holds, and his profile photo.
    const send = async (file: Buffer) =>
      (await upload(api, { token: carl.token, chatId: directId, file })).body.upload;
    const held = await send(Buffer.from('held by a report'));
    const heldMessage = await attachToMessage(api, prisma, {
      token: carl.token,
      chatId: directId,
      upload: held,
    });
    const report = await reportId(api, dana, {
      userId: carl.id,
      chatId: directId,
      messageIds: [secret.id, heldMessage],
      category: 'spam',
    });
    const loose = await send(Buffer.from('nobody holds this'));
    await attachToMessage(api, prisma, { token: carl.token, chatId: directId, upload: loose });
    const photo = (await upload(api, { token: carl.token, purpose: 'avatar', file: await tinyPng() })).body
      .upload;
    expect(
      (await api.request('PATCH', ME, { token: carl.token, body: { avatarUploadId: photo.id } })).status,
    ).toBe(200);
    const evidenceBefore = await prisma.report.findUniqueOrThrow({ where: { id: report } });
    expect(JSON.stringify(evidenceBefore.evidence)).toContain('secret plan alpha');
    const keys = await prisma.upload.findMany({ where: { uploaderId: carl.id } });
    const stored = async (id: string) => {
      const row = keys.find((k) => k.id === id)!;
      return (await mediaStorage().stat(row.storageKey)) !== null;
    };
    expect(await stored(loose.id)).toBe(true);
    // A copy of his data he asked for earlier: its zip goes with the rest.
    const exportId = (await api.post('/api/v1/exports', { scope: 'account' }, carl.token)).body.export.id;
    await waitFor(
      async () => (await api.get(`/api/v1/exports/${exportId}`, carl.token)).body.export?.status === 'ready',
      30_000,
      'his export',
    );
    const zipKey = (await prisma.exportJob.findUniqueOrThrow({ where: { id: exportId } })).storageKey!;
    expect(await mediaStorage().stat(zipKey)).not.toBeNull();

    expect((await deleteAccount(api, carl)).status).toBe(202);
    // Within the grace period, nothing is erased.
    expect(await eraseDueAccounts({ now: inDays(13) })).not.toContain(carl.id);
    expect(await eraseDueAccounts({ now: inDays(15) })).toContain(carl.id);

    // His messages stay where they were, with nothing of their content; Dana's are whole, his reaction gone.
    const dm = await history(api, dana, directId);
    const his = dm.filter((m) => m.senderId === carl.id);
    expect(his).toHaveLength(3);
    for (const m of his)
      expect(m).toMatchObject({ content: '', attachments: null, deletedAt: expect.any(String) });
    expect(dm.find((m) => m.id === danas.id)).toMatchObject({ content: 'reply from dana', reactions: [] });
    const chat = (await api.get(`/api/v1/chat/sessions/${directId}`, dana.token)).body.chat;
    expect(chat.participants.find((p: { id: string }) => p.id === carl.id)).toMatchObject({
      name: 'Deleted account',
      avatarUrl: null,
    });
    // The direct chat takes no more messages, and no new one can be opened.
    const refused = await api.post(messagesOf(directId), { content: 'are you there?' }, dana.token);
    expect(refused.status).toBe(403);
    const reopen = await api.post(
      '/api/v1/chat/sessions',
      { type: 'DIRECT', targetUserId: carl.id },
      dana.token,
    );
    expect(reopen.status).toBe(404);
    // The group keeps an admin: the longest-standing member.
    const group = (await api.get(`/api/v1/chat/sessions/${groupId}`, dana.token)).body.chat;
    const roles = Object.fromEntries(
      group.participants.map((p: { id: string; role: string }) => [p.id, p.role]),
    );
    expect(roles[carl.id]).toBe('MEMBER');
    expect([roles[dana.id], roles[erin.id]].filter((r) => r === 'ADMIN')).toHaveLength(1);
    // Search finds none of it.
    for (const [chatId, q] of [
      [directId, 'secret'],
      [groupId, 'zebra'],
    ] as const) {
      const hits = await api.get(`/api/v1/chat/sessions/${chatId}/search?q=${q}`, dana.token);
      expect(hits.body.items).toEqual([]);
    }
    // The report's frozen evidence is untouched, and so is the media it holds; the rest is gone.
    expect(await prisma.report.findUniqueOrThrow({ where: { id: report } })).toEqual(evidenceBefore);
    expect(await stored(held.id)).toBe(true);
    expect(await stored(loose.id)).toBe(false);
    expect(await stored(photo.id)).toBe(false);
    expect(await mediaStorage().stat(zipKey)).toBeNull();
    // No profile, email or password left; he cannot sign in, and his old address is free.
    const row = await prisma.user.findUniqueOrThrow({ where: { id: carl.id } });
    expect(row).toMatchObject({ name: 'Deleted account', passwordHash: '', avatarUrl: null, bio: null });
    expect(row.email).toBe(`deleted-${carl.id}@deleted.invalid`);
    expect((await signIn(api, carl)).status).toBe(401);
    const counts = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT (SELECT count(*) FROM "AuthSession" WHERE "userId" = ${carl.id}::uuid)
           + (SELECT count(*) FROM "MessageReaction" WHERE "userId" = ${carl.id}::uuid)
           + (SELECT count(*) FROM "UserPresence" WHERE "userId" = ${carl.id}::uuid)
           + (SELECT count(*) FROM "ChatMessageSearch" s JOIN "ChatMessage" m ON m.id = s."messageId"
              WHERE m."senderId" = ${carl.id}::uuid AND m.type <> 'SYSTEM') AS n`;
    expect(Number(counts[0]?.n)).toBe(0);
    const again = await api.post('/api/v1/auth/register', {
      email: carl.email,
      password: carl.password,
      name: 'New Carl',
    });
    expect(again.status).toBe(201);
    // A second sweep has nothing to do.
    expect(await eraseDueAccounts({ now: inDays(15) })).toEqual([]);
  });
});
