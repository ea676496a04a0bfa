// Moderation (issue 15, item 5): moderators and admins decide reports; each
// decision takes effect at once (a mute refuses sends, a suspension or ban
// drops sockets and ends tokens, deleting tombstones the messages for
// everyone but not in the evidence), is audited append-only and told to the
// reporter. Nobody without the role learns the console is there.
import { Api, type TestUser } from './support/api';
import { createDirect } from './support/chat';
import { startCluster, type Cluster } from './support/cluster';
import { call } from './support/emit';
import { untilText } from '@/lib/users/sanctions';
import { decideReport } from '@/lib/moderation/decide-report';
import { listAudit } from '@/lib/moderation/list-audit';
import { grantModerator, listStaff } from '@/lib/moderation/roles';
import { afterAll, beforeAll, describe, expect, it } from './support/fixtures';
import {
  AUDIT,
  HOUR,
  MODERATORS,
  NOTICES,
  NOTHING_HERE,
  QUEUE,
  adminView,
  appointModerator,
  decisionOf,
  fromNow,
  messagesOf,
  registerAdmin,
  reportId,
  sendAll,
} from './support/moderation';
import { TEST_DB } from './support/server';
import { closeAllSockets, connect, nextEvent } from './support/sockets';

const ADMIN_EMAIL = 'moderation-admin@example.com';
it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL });

let admin: TestUser;
let mod: TestUser;
beforeAll(async ({ api }) => {
  admin = await registerAdmin(api, ADMIN_EMAIL);
  mod = await appointModerator(api, admin);
});

/** Ann reports Bob's messages in their direct chat; returns the people, the chat, the messages and the report. */
async function reported(api: Api, category = 'harassment') {
  const ann = await api.register('Ann');
  const bob = await api.register('Bob');
  const chatId = await createDirect(api, ann, bob);
  const messages = await sendAll(api, bob, chatId, ['first insult', 'second insult']);
  const id = await reportId(api, ann, {
    userId: bob.id,
    chatId,
    messageIds: messages.map((m) => m.id),
    category,
  });
  return { ann, bob, chatId, messages, id };
}

const decide = (api: Api, staff: TestUser, id: string, body: Record<string, unknown>) =>
  api.post(decisionOf(id), body, staff.token);
const signIn = (api: Api, user: TestUser) =>
  api.post('/api/v1/auth/token', { email: user.email, password: user.password });
const noticesOf = async (api: Api, user: TestUser) => (await api.get(NOTICES, user.token)).body.notices;

describe(`moderation on ${TEST_DB}`, () => {
  it('answers 404 "nothing here" on every admin path to a normal user, 401 without credentials, and shows the role on /users/me', async ({
    api,
    server,
  }) => {
    const { ann, bob, id } = await reported(api);
    const before = await server.database.prisma.auditEntry.count();
    const paths: Array<[string, string, unknown?]> = [
      ['GET', QUEUE],
      ['GET', `${QUEUE}?status=all`],
      ['GET', `${QUEUE}/${id}`],
      ['POST', decisionOf(id), { action: 'ban', reason: 'x' }],
      ['POST', decisionOf(id), { nonsense: true }],
      ['POST', `/api/v1/admin/users/${bob.id}/lift`, { reason: 'x' }],
      ['GET', AUDIT],
      ['GET', MODERATORS],
      ['POST', MODERATORS, { userId: ann.id }],
      ['DELETE', `${MODERATORS}/${mod.id}`],
      ['GET', `/api/v1/admin/users?q=bob`],
    ];
    for (const [method, path, body] of paths) {
      const res = await api.request(method, path, { body, token: ann.token });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error, `${method} ${path}`).toEqual(NOTHING_HERE);
      expect((await api.request(method, path, { body })).status, `${method} ${path}`).toBe(401);
    }
    expect((await adminView(api, admin, id)).report.status).toBe('open');
    expect(await server.database.prisma.auditEntry.count()).toBe(before);

    const role = async (user: TestUser) =>
      (await api.get('/api/v1/users/me', user.token)).body.user.platformRole;
    expect([await role(ann), await role(mod), await role(admin)]).toEqual(['USER', 'MODERATOR', 'ADMIN']);
  });

  it('lets an admin grant and revoke the moderator role, audited; moderators cannot manage roles', async ({
    api,
  }) => {
    const cy = await api.register('Cy');
    const granted = await api.post(MODERATORS, { userId: cy.id }, admin.token);
    expect(granted.status).toBe(201);
    expect(granted.body.moderator).toEqual({ id: cy.id, name: 'Cy', email: cy.email, role: 'MODERATOR' });
    expect((await api.post(MODERATORS, { userId: cy.id }, admin.token)).status).toBe(200);
    const again = await api.post(MODERATORS, { userId: admin.id }, admin.token);
    expect([again.status, again.body.moderator.role]).toEqual([200, 'ADMIN']);

    const staff = (await api.get(MODERATORS, admin.token)).body.items;
    expect(staff[0]).toEqual({ id: admin.id, name: 'Admin', email: ADMIN_EMAIL, role: 'ADMIN' });
    expect(staff.map((s: any) => s.id)).toEqual(expect.arrayContaining([mod.id, cy.id]));
    // Cy can work the queue now, but not manage roles.
    expect((await api.get(QUEUE, cy.token)).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', MODERATORS],
      ['POST', MODERATORS, { userId: cy.id }],
      ['DELETE', `${MODERATORS}/${mod.id}`],
    ] as const) {
      const res = await api.request(method, path, { body, token: cy.token });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error).toEqual(NOTHING_HERE);
    }

    expect((await api.delete(`${MODERATORS}/${cy.id}`, admin.token)).status).toBe(204);
    expect((await api.get(QUEUE, cy.token)).status).toBe(404);
    expect((await api.delete(`${MODERATORS}/${cy.id}`, admin.token)).status).toBe(404);
    expect((await api.delete(`${MODERATORS}/not-an-id`, admin.token)).status).toBe(404);
    const configured = await api.delete(`${MODERATORS}/${admin.id}`, admin.token);
    expect(configured.status).toBe(409);
    expect(configured.body.error.code).toBe('CONFLICT');
    expect((await api.post(MODERATORS, { userId: crypto.randomUUID() }, admin.token)).status).toBe(404);
    for (const body of [{}, { userId: 'x' }, { userId: cy.id, role: 'ADMIN' }]) {
      expect((await api.post(MODERATORS, body, admin.token)).status).toBe(400);
    }

    const audit = (await api.get(`${AUDIT}?limit=5`, mod.token)).body.items;
    expect(audit.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'role.revoked',
        actorId: admin.id,
        actorName: 'Admin',
        targetUserId: cy.id,
        targetName: 'Cy',
      }),
      expect.objectContaining({ action: 'role.granted', actorId: admin.id, targetUserId: cy.id }),
    ]);
  });

  it('finds accounts for admins by name or whole email, with their role, whatever blocks or DM_POLICY', async ({
    api,
  }) => {
    const tag = crypto.randomUUID().slice(0, 6);
    const dee = await api.register(`Dee ${tag}`);
    const find = async (q: string, user = admin) =>
      api.get(`/api/v1/admin/users?q=${encodeURIComponent(q)}`, user.token);
    const byName = await find(tag);
    expect(byName.status).toBe(200);
    expect(byName.body.users).toEqual([{ id: dee.id, name: `Dee ${tag}`, email: dee.email, role: 'USER' }]);
    // A whole email finds its account; a part of one finds nothing.
    expect((await find(dee.email.toUpperCase())).body.users.map((u: any) => u.id)).toEqual([dee.id]);
    expect((await find(dee.email.slice(0, 8))).body.users.map((u: any) => u.id)).not.toContain(dee.id);
    // Dee blocking the admin hides nothing from the console.
    await api.post('/api/v1/blocks', { userId: admin.id }, dee.token);
    expect((await find(tag)).body.users).toHaveLength(1);
    // Moderators do not see emails: the search is for admins only.
    expect((await find(tag, mod)).status).toBe(404);
    for (const q of ['', '%20', 'x'.repeat(101)]) {
      expect((await api.get(`/api/v1/admin/users?q=${q}`, admin.token)).status, q).toBe(400);
    }
  });

  it('dismisses a report once: the reporter is told, the audit log lists it, a second decision is a 409', async ({
    api,
    openSocket,
  }) => {
    const { ann, bob, id } = await reported(api);
    const annSock = await openSocket({ token: ann.token });
    const told = nextEvent<any>(annSock, 'notice', 5000, (n) => n.kind === 'report.decided');
    const res = await decide(api, mod, id, { action: 'dismiss', reason: 'Banter between friends' });
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({
      id,
      status: 'dismissed',
      decision: { action: 'dismiss', reason: 'Banter between friends', until: null, decidedById: mod.id },
    });
    expect((await told).text).toMatch(/reviewed your report/);
    expect((await api.get('/api/v1/reports', ann.token)).body.items[0]).toMatchObject({
      id,
      status: 'dismissed',
      decidedAt: expect.any(String),
    });
    expect((await noticesOf(api, bob)).map((n: any) => n.kind)).toEqual([]);

    const again = await decide(api, admin, id, { action: 'ban', reason: 'Changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await signIn(api, bob)).status).toBe(200);

    const [entry] = (await api.get(AUDIT, admin.token)).body.items;
    expect(entry).toEqual({
      id: expect.any(String),
      actorId: mod.id,
      actorName: 'Mod',
      action: 'report.decided',
      targetUserId: bob.id,
      targetName: 'Bob',
      reportId: id,
      reason: 'Banter between friends',
      details: { action: 'dismiss', until: null },
      createdAt: expect.any(String),
    });
    expect(
      (await api.get(`${QUEUE}?status=dismissed`, mod.token)).body.items.map((r: any) => r.id),
    ).toContain(id);
    expect((await api.get(QUEUE, mod.token)).body.items.map((r: any) => r.id)).not.toContain(id);
  });

  it('warns: the reported person gets the reason as a warning notice, live', async ({ api, openSocket }) => {
    const { bob, id } = await reported(api);
    const bobSock = await openSocket({ token: bob.token });
    const warned = nextEvent<any>(bobSock, 'notice');
    expect((await decide(api, mod, id, { action: 'warn', reason: 'Keep it civil.' })).status).toBe(200);
    expect(await warned).toMatchObject({
      userId: bob.id,
      kind: 'warning',
      text: 'A moderator warned you: Keep it civil.',
    });
    expect((await adminView(api, mod, id)).report.status).toBe('actioned');
  });

  it('deletes the reported messages for everyone, live, while the evidence keeps them', async ({
    api,
    openSocket,
  }) => {
    const { ann, bob, chatId, messages, id } = await reported(api);
    const [kept] = await sendAll(api, bob, chatId, ['an ordinary message']);
    const annSock = await openSocket({ token: ann.token });
    const gone = nextEvent<any>(annSock, 'message_deleted', 5000, (m) => m.id === messages[1].id);
    expect((await decide(api, mod, id, { action: 'delete_messages', reason: 'Abuse' })).status).toBe(200);
    expect(await gone).toMatchObject({ chatId, content: '', deletedAt: expect.any(String) });

    const history = (await api.get(messagesOf(chatId), ann.token)).body.items;
    expect(history.map((m: any) => [m.content, m.deletedAt !== null])).toEqual([
      ['an ordinary message', false],
      ['', true],
      ['', true],
    ]);
    expect(history[0].id).toBe(kept.id);
    const evidence = (await adminView(api, mod, id)).report.evidence.messages;
    expect(evidence.map((m: any) => [m.content, m.deletedAt])).toEqual([
      ['first insult', null],
      ['second insult', null],
    ]);
  });

  it('mutes until a time: sends refused with 403 MUTED over REST and the socket, told why; lifting ends it', async ({
    api,
    server,
    openSocket,
  }) => {
    const { ann, bob, chatId, id } = await reported(api);
    const until = fromNow(2 * HOUR);
    const res = await decide(api, mod, id, { action: 'mute', until, reason: 'Cool off' });
    expect(res.body.report.decision).toMatchObject({ action: 'mute', until });
    const stored = await server.database.prisma.chatMessage.count({ where: { chatId } });

    const refused = await api.post(messagesOf(chatId), { content: 'let me talk' }, bob.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MUTED');
    expect(refused.body.error.message).toContain(untilText(new Date(until)));
    const bobSock = await openSocket({ token: bob.token });
    const ack = await call(bobSock, 'send_message', { chatId, content: 'socket?' });
    expect(ack.ok === false && ack.error.code).toBe('MUTED');
    expect(await server.database.prisma.chatMessage.count({ where: { chatId } })).toBe(stored);
    expect((await noticesOf(api, bob))[0]).toMatchObject({
      kind: 'sanction',
      text: expect.stringContaining('Cool off'),
    });
    // Others are not muted.
    expect((await api.post(messagesOf(chatId), { content: 'fine here' }, ann.token)).status).toBe(201);
    expect((await adminView(api, mod, id)).history.sanctions).toMatchObject({
      mutedUntil: until,
      reason: 'Cool off',
    });

    const lift = `/api/v1/admin/users/${bob.id}/lift`;
    expect((await api.post(lift, { reason: 'Apologised' }, mod.token)).status).toBe(200);
    expect((await api.post(lift, { reason: 'Again' }, mod.token)).status).toBe(409);
    expect((await api.post(messagesOf(chatId), { content: 'sorry' }, bob.token)).status).toBe(201);
    const [entry] = (await api.get(AUDIT, mod.token)).body.items;
    expect(entry).toMatchObject({ action: 'sanction.lifted', targetUserId: bob.id, reason: 'Apologised' });
  });

  it('suspends: the open socket drops, the token stops, sign-in says why and until when; lifting lets them back', async ({
    api,
    openSocket,
  }) => {
    const { bob, id } = await reported(api);
    const bobSock = await openSocket({ token: bob.token });
    const dropped = nextEvent<string>(bobSock, 'disconnect');
    const until = fromNow(24 * HOUR);
    expect(
      (await decide(api, mod, id, { action: 'suspend', until, reason: 'Repeated harassment' })).status,
    ).toBe(200);
    expect(await dropped).toBe('io server disconnect');

    expect((await api.get('/api/v1/users/me', bob.token)).status).toBe(401);
    await expect(connect(api.baseUrl, { token: bob.token })).rejects.toThrow();
    const refused = await signIn(api, bob);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'ACCOUNT_SUSPENDED',
      message: `This account is suspended until ${untilText(new Date(until))}. Reason: Repeated harassment`,
    });
    // In words a person reads, not an ISO timestamp.
    expect(refused.body.error.message).toMatch(/until \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\./);

    expect(
      (await api.post(`/api/v1/admin/users/${bob.id}/lift`, { reason: 'Appeal upheld' }, admin.token)).status,
    ).toBe(200);
    const back = await signIn(api, bob);
    expect(back.status).toBe(200);
    expect((await api.get('/api/v1/users/me', back.body.token)).status).toBe(200);
  });

  it('bans: sockets drop, tokens stop, sign-in refused for good', async ({ api, openSocket }) => {
    const { bob, id } = await reported(api, 'threat_of_harm');
    const bobSock = await openSocket({ token: bob.token });
    const dropped = nextEvent<string>(bobSock, 'disconnect');
    const res = await decide(api, admin, id, { action: 'ban', reason: 'Threats' });
    expect(res.body.report).toMatchObject({ status: 'actioned', decision: { action: 'ban', until: null } });
    expect(await dropped).toBe('io server disconnect');
    expect((await api.get('/api/v1/chat/sessions', bob.token)).status).toBe(401);
    const refused = await signIn(api, bob);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'ACCOUNT_SUSPENDED',
      message: 'This account has been banned. Reason: Threats',
    });
    expect((await adminView(api, mod, id)).history.sanctions.bannedAt).toEqual(expect.any(String));
  });

  it('refuses bad decisions with a clear 4xx and changes nothing', async ({ api, server }) => {
    const { bob, id } = await reported(api);
    const noMessages = await reportId(api, await api.register('Dee'), { userId: bob.id, category: 'spam' });
    const auditBefore = await server.database.prisma.auditEntry.count();
    for (const body of [
      {},
      { action: 'dismiss' },
      { action: 'dismiss', reason: '' },
      { action: 'dismiss', reason: '   ' },
      { action: 'dismiss', reason: 'x'.repeat(501) },
      { action: 'dismiss', reason: 'x', until: fromNow(HOUR) },
      { action: 'ban', reason: 'x', until: fromNow(HOUR) },
      { action: 'mute', reason: 'x' },
      { action: 'suspend', reason: 'x', until: 'tomorrow' },
      { action: 'mute', reason: 'x', until: fromNow(-HOUR) },
      { action: 'suspend', reason: 'x', until: fromNow(367 * 24 * HOUR) },
      { action: 'erase', reason: 'x' },
      { action: 'dismiss', reason: 'x', notify: false },
      { action: 'dismiss', reason: 42 },
    ]) {
      const res = await decide(api, mod, id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe('VALIDATION');
    }
    const nothing = await decide(api, mod, noMessages, { action: 'delete_messages', reason: 'x' });
    expect(nothing.status).toBe(400);
    expect((await decide(api, mod, crypto.randomUUID(), { action: 'dismiss', reason: 'x' })).status).toBe(
      404,
    );
    expect((await decide(api, mod, 'not-an-id', { action: 'dismiss', reason: 'x' })).status).toBe(404);
    expect((await adminView(api, mod, id)).report.status).toBe('open');
    expect(await server.database.prisma.auditEntry.count()).toBe(auditBefore);
    expect((await signIn(api, bob)).status).toBe(200);
  });

  it('forbids deciding about yourself, and a moderator deciding about an admin', async ({ api }) => {
    const ann = await api.register('Ann');
    const aboutMod = await reportId(api, ann, { userId: mod.id, category: 'spam' });
    const aboutAdmin = await reportId(api, ann, { userId: admin.id, category: 'spam' });
    const self = await decide(api, mod, aboutMod, { action: 'dismiss', reason: 'Not me' });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('FORBIDDEN');
    const over = await decide(api, mod, aboutAdmin, { action: 'ban', reason: 'x' });
    expect(over.status).toBe(403);
    expect(over.body.error.code).toBe('FORBIDDEN');
    expect((await decide(api, admin, aboutMod, { action: 'dismiss', reason: 'Checked' })).status).toBe(200);
    expect((await adminView(api, admin, aboutAdmin)).report.status).toBe('open');
    expect((await api.get('/api/v1/users/me', admin.token)).status).toBe(200);
  });

  it('checks the role in the services too: a caller that claims a role it does not hold is refused', async ({
    api,
    server,
  }) => {
    const { ann, id } = await reported(api);
    const claims = { id: ann.id, name: ann.name, role: 'ADMIN' as const };
    const refusals = [
      decideReport({ actor: claims, reportId: id, input: { action: 'ban', reason: 'forged' } }),
      listAudit({ actor: claims }),
      grantModerator({ actor: claims, userId: ann.id }),
      // A moderator who says they are an admin is refused the admins' work.
      listStaff({ actor: { id: mod.id, name: 'Mod', role: 'ADMIN' } }),
    ];
    for (const refused of refusals) await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await adminView(api, admin, id)).report.status).toBe('open');
    expect(await server.database.prisma.user.count({ where: { id: ann.id, platformRole: 'USER' } })).toBe(1);
  });

  it('keeps the audit log append-only: the database refuses UPDATE and DELETE', async ({ api, server }) => {
    const { id } = await reported(api);
    await decide(api, mod, id, { action: 'dismiss', reason: 'Nothing wrong' });
    const prisma = server.database.prisma;
    const count = await prisma.auditEntry.count();
    await expect(prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET reason = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await prisma.auditEntry.count()).toBe(count);
    expect(await prisma.auditEntry.count({ where: { reason: 'rewritten' } })).toBe(0);
  });
});

describe.runIf(TEST_DB === 'postgres')('a ban across processes with Redis (postgres only)', () => {
  let cluster: Cluster;
  let nodeA: Api;
  let nodeB: Api;

  beforeAll(async () => {
    cluster = await startCluster(2, { ADMIN_EMAILS: ADMIN_EMAIL });
    nodeA = new Api(cluster.nodes[0]!.url);
    nodeB = new Api(cluster.nodes[1]!.url);
  });
  afterAll(async () => {
    closeAllSockets();
    await cluster?.stop();
  });

  it('drops the banned person’s socket on the other process and refuses their token there', async () => {
    const clusterAdmin = await registerAdmin(nodeA, ADMIN_EMAIL);
    const { bob, id } = await reported(nodeA);
    const onB = await connect(cluster.nodes[1]!.url, { token: bob.token });
    const dropped = nextEvent<string>(onB, 'disconnect', 10_000);
    expect((await decide(nodeA, clusterAdmin, id, { action: 'ban', reason: 'Threats' })).status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await nodeB.get('/api/v1/users/me', bob.token)).status).toBe(401);
  });
});
