// Who may read an upload (lib/media/can-read-upload.ts), through the media
// URL: members of its chat, its uploader alone until a message holds it,
// anyone signed in for a profile photo, a group's members for its photo,
// moderators for what a report's evidence holds; everyone else the 404 of an
// id that names nothing. And who may upload an avatar.
import { registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { attachToMessage, getMedia, tinyPng, upload } from './support/media';
import { appointModerator, registerAdmin, reportId } from './support/moderation';
import { TEST_DB } from './support/server';

const ADMIN_EMAIL = 'media-access-admin@example.com';
it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL });

let ann: TestUser;
let bob: TestUser;
let cat: TestUser;
let eve: TestUser;
let mod: TestUser;
let directId: string;
let groupId: string;

beforeAll(async ({ api }) => {
  [ann, bob, cat, eve] = await registerAll(api, 'Ann', 'Bob', 'Cat', 'Eve');
  mod = await appointModerator(api, await registerAdmin(api, ADMIN_EMAIL));
  directId = await createDirect(api, ann, bob);
  groupId = await createGroup(api, ann, [bob, cat], 'Access');
});

const status = async (api: any, url: string, user: TestUser) =>
  (await getMedia(api, url, { token: user.token })).status;

describe(`media access on ${TEST_DB}`, () => {
  it('lets a profile photo be seen by anyone signed in, and a group photo by its members', async ({
    api,
  }) => {
    const png = await tinyPng();
    const profile = await upload(api, { token: ann.token, purpose: 'avatar', file: png, name: 'me.png' });
    expect(profile.status).toBe(201);
    expect(profile.body.upload).toMatchObject({ kind: 'image', mime: 'image/png' });
    expect(await status(api, profile.body.upload.url, eve)).toBe(200);
    expect((await getMedia(api, profile.body.upload.url)).status).toBe(401);

    const group = await upload(api, { token: ann.token, purpose: 'avatar', chatId: groupId, file: png });
    expect(group.status).toBe(201);
    expect(await status(api, group.body.upload.url, cat)).toBe(200);
    expect(await status(api, group.body.upload.thumbnailUrl, bob)).toBe(200);
    expect(await status(api, group.body.upload.url, eve)).toBe(404);
  });

  it('takes a group photo only from the group’s admins, and an avatar only as an image', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const rows = await prisma.upload.count();
    const png = await tinyPng();
    const member = await upload(api, { token: bob.token, purpose: 'avatar', chatId: groupId, file: png });
    expect(member.status).toBe(403);
    expect(member.body.error).toEqual({
      code: 'FORBIDDEN',
      message: 'Only group admins can change the group’s photo.',
    });
    const outsider = await upload(api, { token: eve.token, purpose: 'avatar', chatId: groupId, file: png });
    expect(outsider.status).toBe(404);
    const direct = await upload(api, { token: ann.token, purpose: 'avatar', chatId: directId, file: png });
    expect(direct.status).toBe(400);
    expect(direct.body.error.message).toMatch(/direct chat has no photo/);
    const text = await upload(api, {
      token: ann.token,
      purpose: 'avatar',
      file: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    expect(text.status).toBe(415);
    expect(text.body.error.message).toBe(
      'A profile or group photo must be a JPEG, PNG, WebP, GIF or AVIF image.',
    );
    const voice = await upload(api, { token: ann.token, purpose: 'avatar', kind: 'voice', file: png });
    expect(voice.status).toBe(400);
    expect(await prisma.upload.count()).toBe(rows);
  });

  it('serves a message’s media to current members only', async ({ api, server }) => {
    const { body } = await upload(api, {
      token: bob.token,
      chatId: groupId,
      file: Buffer.from('for the group'),
    });
    const url = body.upload.url;
    expect(await status(api, url, cat)).toBe(404);
    await attachToMessage(api, server.database.prisma, {
      token: bob.token,
      chatId: groupId,
      upload: body.upload,
    });
    expect(await status(api, url, cat)).toBe(200);
    expect(await status(api, url, eve)).toBe(404);
    expect(await status(api, url, mod)).toBe(404);
    await api.delete(`/api/v1/chat/sessions/${groupId}`, cat.token);
    expect(await status(api, url, cat)).toBe(404);
    expect(await status(api, url, bob)).toBe(200);
  });

  it('lets moderators read a deleted upload that a report’s evidence holds, and nothing else', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const held = (
      await upload(api, { token: bob.token, chatId: directId, file: Buffer.from('reported bytes') })
    ).body.upload;
    const messageId = await attachToMessage(api, prisma, {
      token: bob.token,
      chatId: directId,
      upload: held,
    });
    await reportId(api, ann, {
      userId: bob.id,
      chatId: directId,
      messageIds: [messageId],
      category: 'harassment',
    });
    const other = (
      await upload(api, { token: bob.token, chatId: directId, file: Buffer.from('not reported') })
    ).body.upload;
    await attachToMessage(api, prisma, { token: bob.token, chatId: directId, upload: other });
    await prisma.upload.updateMany({
      where: { id: { in: [held.id, other.id] } },
      data: { deletedAt: new Date() },
    });

    const seen = await getMedia(api, held.url, { token: mod.token });
    expect(seen.status).toBe(200);
    expect(seen.bytes.toString()).toBe('reported bytes');
    expect(await status(api, other.url, mod)).toBe(404);
    // The people of the chat, reporter included, see the tombstone.
    expect(await status(api, held.url, ann)).toBe(404);
    expect(await status(api, held.url, bob)).toBe(404);
    expect(await status(api, held.url, eve)).toBe(404);
    await prisma.upload.update({ where: { id: held.id }, data: { purgedAt: new Date() } });
    expect(await status(api, held.url, mod)).toBe(404);
  });
});
