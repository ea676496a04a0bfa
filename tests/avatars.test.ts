// Profile and group photos from uploads: PATCH /api/v1/users/me and a
// group's avatarUploadId take only the caller's own avatar uploads, set the
// photo to the upload's thumbnail, and retire the photo they replace.
import { randomUUID } from 'node:crypto';
import type { ChatDto } from '@/lib/chat/dto';
import { type Api, registerAll, type TestUser } from './support/api';
import { createGroup } from './support/chat';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';
import { describe, expect, it } from './support/fixtures';

const ME = '/api/v1/users/me';
const chatUrl = (id: string) => `/api/v1/chat/sessions/${id}`;
const thumbnail = (id: string) => `/api/v1/media/${id}?variant=thumbnail`;

/** An Upload row as POST /api/v1/uploads with purpose avatar leaves one (the bytes do not matter here). */
async function seedAvatar(
  server: TestServer,
  user: TestUser,
  chatId: string | null,
  extra: { kind?: 'IMAGE' | 'FILE'; purpose?: 'AVATAR' | 'MESSAGE' } = {},
): Promise<string> {
  const kind = extra.kind ?? 'IMAGE';
  const upload = await server.database.prisma.upload.create({
    data: {
      uploaderId: user.id,
      chatId,
      kind,
      purpose: extra.purpose ?? 'AVATAR',
      name: kind === 'IMAGE' ? 'me.jpg' : 'me.pdf',
      mime: kind === 'IMAGE' ? 'image/jpeg' : 'application/pdf',
      size: 2048,
      storageKey: `test/${randomUUID()}`,
      ...(kind === 'IMAGE' && { width: 512, height: 512, thumbnailKey: `test/${randomUUID()}.webp` }),
    },
  });
  return upload.id;
}

const patchMe = (api: Api, user: TestUser, body: unknown) =>
  api.request('PATCH', ME, { token: user.token, body });
const deletedAt = async (server: TestServer, id: string) =>
  (await server.database.prisma.upload.findUniqueOrThrow({ where: { id } })).deletedAt;

describe(`profile photos on ${TEST_DB}`, () => {
  it('sets, replaces and removes your photo; others see it; the replaced upload is retired', async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const first = await seedAvatar(server, ann, null);
    const set = await patchMe(api, ann, { avatarUploadId: first });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ id: ann.id, avatarUrl: thumbnail(first), platformRole: 'USER' });
    expect((await api.get(ME, ann.token)).body.user.avatarUrl).toBe(thumbnail(first));
    expect((await api.get(`/api/v1/users/${ann.id}`, bob.token)).body.user.avatarUrl).toBe(thumbnail(first));

    const second = await seedAvatar(server, ann, null);
    expect((await patchMe(api, ann, { avatarUploadId: second })).body.user.avatarUrl).toBe(thumbnail(second));
    expect(await deletedAt(server, first)).not.toBeNull();
    expect(await deletedAt(server, second)).toBeNull();
    // Setting the same photo again changes nothing.
    expect((await patchMe(api, ann, { avatarUploadId: second })).body.user.avatarUrl).toBe(thumbnail(second));
    expect(await deletedAt(server, second)).toBeNull();

    const removed = await patchMe(api, ann, { avatarUploadId: null });
    expect([removed.status, removed.body.user.avatarUrl]).toEqual([200, null]);
    expect(await deletedAt(server, second)).not.toBeNull();
    // A retired photo cannot come back.
    expect((await patchMe(api, ann, { avatarUploadId: first })).status).toBe(404);
  });

  it("refuses others' uploads, message uploads, group photos and files, changing nothing", async ({
    api,
    server,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const group = await createGroup(api, ann, [bob], 'Photos');
    const cases: Array<[string, string, number]> = [
      ["Bob's", await seedAvatar(server, bob, null), 404],
      ['a message upload', await seedAvatar(server, ann, group, { purpose: 'MESSAGE' }), 404],
      ["a group's photo", await seedAvatar(server, ann, group), 404],
      ['unknown', randomUUID(), 404],
      ['a file', await seedAvatar(server, ann, null, { kind: 'FILE' }), 400],
    ];
    for (const [what, id, status] of cases) {
      const res = await patchMe(api, ann, { avatarUploadId: id });
      expect(res.status, what).toBe(status);
      expect(res.body.error.message, what).toMatch(/^avatarUploadId: /);
    }
    // An unknown field next to a valid one: the strict schema refuses the whole change.
    for (const body of [{}, { avatarUploadId: 'x' }, { avatarUploadId: null, nickname: 'Eve' }, [], null]) {
      const res = await patchMe(api, ann, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION']);
    }
    expect((await api.get(ME, ann.token)).body.user.avatarUrl).toBeNull();
    expect((await api.request('PATCH', ME, { body: { avatarUploadId: null } })).status).toBe(401);
  });
});

describe(`group photos on ${TEST_DB}`, () => {
  it('lets an admin set the photo from an upload; members hear chat_updated and see a notice', async ({
    api,
    server,
    openSocket,
  }) => {
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const group = await createGroup(api, ann, [bob], 'Photos');
    const photo = await seedAvatar(server, ann, group);
    const bobSock = await openSocket({ token: bob.token });
    const updated = nextEvent<ChatDto>(bobSock, 'chat_updated');
    const res = await api.put(chatUrl(group), { avatarUploadId: photo }, ann.token);
    expect([res.status, res.body.chat.avatarUrl]).toEqual([200, thumbnail(photo)]);
    expect((await updated).avatarUrl).toBe(thumbnail(photo));
    const history = await api.get(`${chatUrl(group)}/messages?limit=1`, bob.token);
    expect(history.body.items[0]).toMatchObject({ type: 'SYSTEM', content: 'Ann changed the group photo' });

    // PATCH is the same change; the replaced photo is retired, and removing retires the last.
    const next = await seedAvatar(server, ann, group);
    const patched = await api.request('PATCH', chatUrl(group), {
      token: ann.token,
      body: { avatarUploadId: next },
    });
    expect(patched.body.chat.avatarUrl).toBe(thumbnail(next));
    expect(await deletedAt(server, photo)).not.toBeNull();
    const removed = await api.put(chatUrl(group), { avatarUploadId: null }, ann.token);
    expect(removed.body.chat.avatarUrl).toBeNull();
    expect(await deletedAt(server, next)).not.toBeNull();
  });

  it("refuses members, others' uploads, another group's and a profile photo, changing nothing", async ({
    api,
    server,
  }) => {
    const [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
    const group = await createGroup(api, ann, [bob], 'Photos');
    const other = await createGroup(api, ann, [cat], 'Other');
    const byBob = await seedAvatar(server, bob, group);
    const member = await api.put(chatUrl(group), { avatarUploadId: byBob }, bob.token);
    expect([member.status, member.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const [what, id] of [
      ["Bob's upload", byBob],
      ["another group's", await seedAvatar(server, ann, other)],
      ['a profile photo', await seedAvatar(server, ann, null)],
      ['a message upload', await seedAvatar(server, ann, group, { purpose: 'MESSAGE' })],
      ['unknown', randomUUID()],
    ] as const) {
      const res = await api.put(chatUrl(group), { avatarUploadId: id }, ann.token);
      expect([res.status, res.body.error.code], what).toEqual([404, 'NOT_FOUND']);
    }
    const both = await api.put(
      chatUrl(group),
      { avatarUploadId: await seedAvatar(server, ann, group), avatarUrl: 'https://cdn.example/a.png' },
      ann.token,
    );
    expect([both.status, both.body.error.message]).toEqual([
      400,
      'avatarUploadId: Set the photo with avatarUrl or avatarUploadId, not both.',
    ]);
    // An outsider hears the group does not exist.
    const outsider = await api.put(chatUrl(group), { avatarUploadId: byBob }, cat.token);
    expect(outsider.status).toBe(404);
    expect((await api.get(chatUrl(group), ann.token)).body.chat.avatarUrl).toBeNull();
    expect(await deletedAt(server, byBob)).toBeNull();
  });
});
