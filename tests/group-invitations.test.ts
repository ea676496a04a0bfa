// Who can add me to groups (issue 20, item 4): everyone, people I have a
// direct chat with, or nobody. Anyone the setting does not allow sends an
// invitation instead, which only the invitee sees, hears of live, and
// accepts or declines.
import { registerAll, type Api, type TestUser } from './support/api';
import { createDirect } from './support/chat';
import { call } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';

const SESSIONS = '/api/v1/chat/sessions';
const INVITATIONS = '/api/v1/users/me/invitations';
const NO_INVITATION = { code: 'NOT_FOUND', message: 'This invitation does not exist or is no longer open.' };
const setInvites = (api: Api, user: TestUser, groupInvites: string) =>
  api.request('PATCH', '/api/v1/users/me/settings', { body: { groupInvites }, token: user.token });
const members = async (api: Api, chatId: string, user: TestUser) =>
  ((await api.get(`${SESSIONS}/${chatId}`, user.token)).body.chat.participants as any[])
    .map((p) => p.name)
    .sort();
// The server starts under the hook timeout, not the first test's.
beforeAll(async ({ server }) => void server.url);

const invitationCount = (server: TestServer) => server.database.prisma.groupInvitation.count();

describe(`group invitations on ${TEST_DB}`, () => {
  it('"everyone" adds at once; "chats" adds people with a direct chat and invites the rest; "nobody" always invites', async ({
    api,
  }) => {
    const ann = await api.register('Ann');
    const [bob, cat, dan, eve] = await registerAll(api, 'Bob', 'Cat', 'Dan', 'Eve');
    await setInvites(api, cat, 'chats');
    await setInvites(api, dan, 'chats');
    await setInvites(api, eve, 'nobody');
    await createDirect(api, ann, cat);
    await createDirect(api, ann, eve);

    const created = await api.post(
      SESSIONS,
      { type: 'GROUP', name: 'Climbing', participantIds: [bob.id, cat.id, dan.id, eve.id] },
      ann.token,
    );
    expect(created.status).toBe(201);
    expect(created.body.invitedUserIds.sort()).toEqual([dan.id, eve.id].sort());
    const chatId = created.body.chat.id;
    expect(created.body.chat.participants.map((p: any) => p.name).sort()).toEqual(['Ann', 'Bob', 'Cat']);

    // Only the invitee sees an invitation.
    const danList = (await api.get(INVITATIONS, dan.token)).body.invitations;
    expect(danList).toEqual([
      {
        id: expect.any(String),
        chat: { id: chatId, name: 'Climbing', avatarUrl: null, participantCount: 3 },
        inviter: { id: ann.id, name: 'Ann', avatarUrl: null },
        createdAt: expect.any(String),
      },
    ]);
    expect((await api.get(INVITATIONS, ann.token)).body.invitations).toEqual([]);
    expect((await api.get(INVITATIONS, bob.token)).body.invitations).toEqual([]);
    // An invitee is not in the group: its chat is 404 to them.
    expect((await api.get(`${SESSIONS}/${chatId}`, dan.token)).status).toBe(404);

    // Adding later follows the same rule.
    const fred = await api.register('Fred');
    await setInvites(api, fred, 'nobody');
    const added = await api.put(`${SESSIONS}/${chatId}`, { addParticipantIds: [fred.id] }, ann.token);
    expect(added.status).toBe(200);
    expect(added.body.invitedUserIds).toEqual([fred.id]);
    expect(await members(api, chatId, ann)).toEqual(['Ann', 'Bob', 'Cat']);
    expect((await api.get(INVITATIONS, fred.token)).body.invitations).toHaveLength(1);
  });

  it('tells the invitee live; accepting joins the group (everyone hears), declining leaves no trace', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    await setInvites(api, bob, 'nobody');
    await setInvites(api, cat, 'nobody');
    const bobSock = await openSocket({ token: bob.token });
    const bobTab = await openSocket({ token: bob.token });
    const annSock = await openSocket({ token: ann.token });
    const invited = nextEvent<any>(bobSock, 'group_invitation');
    // Ann hears the group's creation notice first; it can land after the
    // create's response, so it is awaited before listening for the next.
    const creationNotice = nextEvent<any>(annSock, 'message_received');
    const created = await api.post(
      SESSIONS,
      { type: 'GROUP', name: 'Book club', participantIds: [bob.id, cat.id] },
      ann.token,
    );
    const chatId = created.body.chat.id;
    expect(await creationNotice).toMatchObject({
      chatId,
      type: 'SYSTEM',
      content: 'Ann created the group "Book club"',
    });
    const invitation = await invited;
    expect(invitation).toMatchObject({ chat: { id: chatId, name: 'Book club' }, inviter: { id: ann.id } });

    // Accept: Bob is a member, his sockets join the room, Ann hears the notice.
    const joined = nextEvent<any>(bobSock, 'chat_created');
    const closedInTab = nextEvent<any>(bobTab, 'group_invitation_closed');
    const notice = nextEvent<any>(annSock, 'message_received', 5000, (m) => m.chatId === chatId);
    const accepted = await api.post(`${INVITATIONS}/${invitation.id}/accept`, {}, bob.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.chat.participants.map((p: any) => p.name).sort()).toEqual(['Ann', 'Bob']);
    expect((await joined).id).toBe(chatId);
    expect(await closedInTab).toEqual({ invitationId: invitation.id });
    expect(await notice).toMatchObject({ type: 'SYSTEM', content: 'Bob joined' });
    const heard = nextEvent<any>(bobSock, 'message_received');
    expect((await call(annSock, 'send_message', { chatId, content: 'welcome' })).ok).toBe(true);
    expect((await heard).content).toBe('welcome');
    // Used up.
    expect((await api.post(`${INVITATIONS}/${invitation.id}/accept`, {}, bob.token)).body.error).toEqual(
      NO_INVITATION,
    );

    // Decline: Cat stays out, nothing remains.
    const [catInvitation] = (await api.get(INVITATIONS, cat.token)).body.invitations;
    const declined = await api.post(`${INVITATIONS}/${catInvitation.id}/decline`, {}, cat.token);
    expect(declined.status).toBe(204);
    expect((await api.get(INVITATIONS, cat.token)).body.invitations).toEqual([]);
    expect(await members(api, chatId, ann)).toEqual(['Ann', 'Bob']);
    expect(await server.database.prisma.groupInvitation.count({ where: { chatId } })).toBe(0);
  });

  it('refuses someone else’s, unknown and malformed invitations with 404, and a blocked adder invites nobody', async ({
    api,
    server,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    await setInvites(api, bob, 'nobody');
    await api.post(SESSIONS, { type: 'GROUP', name: 'G', participantIds: [bob.id] }, ann.token);
    const [invitation] = (await api.get(INVITATIONS, bob.token)).body.invitations;
    const before = await invitationCount(server);
    for (const [user, id] of [
      [cat, invitation.id],
      [ann, invitation.id],
      [bob, crypto.randomUUID()],
      [bob, 'not-an-id'],
    ] as const) {
      for (const verb of ['accept', 'decline']) {
        const res = await api.post(`${INVITATIONS}/${id}/${verb}`, {}, user.token);
        expect(res.status, `${user.name} ${verb} ${id}`).toBe(404);
        expect(res.body.error).toEqual(NO_INVITATION);
      }
    }
    expect((await api.post(`${INVITATIONS}/${invitation.id}/accept`, {})).status).toBe(401);
    expect((await api.get(INVITATIONS)).status).toBe(401);
    expect(await invitationCount(server)).toBe(before);

    // Cat blocks Ann: Ann's group neither adds nor invites her, and Ann is not told.
    await setInvites(api, cat, 'nobody');
    await api.post('/api/v1/blocks', { userId: ann.id }, cat.token);
    const res = await api.post(SESSIONS, { type: 'GROUP', name: 'H', participantIds: [cat.id] }, ann.token);
    expect(res.status).toBe(201);
    expect((await api.get(INVITATIONS, cat.token)).body.invitations).toEqual([]);
  });

  it('inviting the same person again renews their one invitation', async ({ api }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    await setInvites(api, bob, 'nobody');
    const chatId = (
      await api.post(SESSIONS, { type: 'GROUP', name: 'G', participantIds: [bob.id] }, ann.token)
    ).body.chat.id;
    const [invitation] = (await api.get(INVITATIONS, bob.token)).body.invitations;
    // Re-inviting renews the one invitation rather than adding another.
    await api.put(`${SESSIONS}/${chatId}`, { addParticipantIds: [bob.id] }, ann.token);
    const list = (await api.get(INVITATIONS, bob.token)).body.invitations;
    expect(list).toHaveLength(1);
    expect(list[0].chat.id).toBe(invitation.chat.id);
    expect(list[0].createdAt >= invitation.createdAt).toBe(true);
  });
});
