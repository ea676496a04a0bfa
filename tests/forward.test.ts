// Forward (issue 20, item 6): a message the caller can see goes to another
// chat they are in as their own new message, marked forwarded, naming
// neither the original chat nor its sender. Media is reused (new upload
// rows over the same stored bytes, readable by the target chat's members),
// and every rule of a send in the target chat applies.
import { purgeMedia } from '@/lib/media/purge-media';
import { mediaStorage } from '@/lib/media/storage';
import { registerAll, type Api, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { call, collect } from './support/emit';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { getMedia, tinyPng, upload } from './support/media';
import { messagesOf } from './support/moderation';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';

const forward = (api: Api, messageId: string, body: unknown, who: TestUser) =>
  api.post(`/api/v1/chat/messages/${messageId}/forward`, body, who.token);

let ann: TestUser;
let bob: TestUser;
let carol: TestUser;
let dan: TestUser;
let direct: string;
let group: string;

beforeAll(async ({ api }) => {
  [ann, bob, carol, dan] = await registerAll(api, 'Ann', 'Bob', 'Carol', 'Dan');
  direct = await createDirect(api, ann, bob);
  group = await createGroup(api, ann, [carol], 'Friends');
});

const send = async (api: Api, chatId: string, who: TestUser, content: string) =>
  (await api.post(messagesOf(chatId), { content }, who.token)).body.message;

describe(`forwarding on ${TEST_DB}`, () => {
  it("copies the text as the forwarder's own message, marked forwarded, and retries by clientMessageId", async ({
    api,
    openSocket,
  }) => {
    const original = await send(api, direct, bob, 'see you at 8');
    const carolSock = await openSocket({ token: carol.token });
    const heard = nextEvent<any>(carolSock, 'message_received');
    const res = await forward(api, original.id, { chatId: group, clientMessageId: 'fw-1' }, ann);
    expect(res.status).toBe(201);
    const copy = res.body.message;
    expect(copy).toMatchObject({
      chatId: group,
      senderId: ann.id,
      type: 'TEXT',
      content: 'see you at 8',
      forwarded: true,
      replyToId: null,
      clientMessageId: 'fw-1',
    });
    expect(copy.id).not.toBe(original.id);
    // Nothing says where it came from or who wrote it.
    expect(JSON.stringify(copy)).not.toContain(direct);
    expect(JSON.stringify(copy)).not.toContain(bob.id);
    expect(await heard).toEqual(copy);
    const retry = await forward(api, original.id, { chatId: group, clientMessageId: 'fw-1' }, ann);
    expect(retry.status).toBe(200);
    expect(retry.body.message.id).toBe(copy.id);
    // The original is untouched and not marked.
    const kept = (await api.get(messagesOf(direct), bob.token)).body.items.find(
      (m: any) => m.id === original.id,
    );
    expect(kept).toMatchObject({ forwarded: false, content: 'see you at 8' });

    // Over the socket: the same, acked; the ack is that socket's confirmation.
    const annSock = await openSocket({ token: ann.token });
    const ack = await call(annSock, 'forward_message', { messageId: original.id, chatId: group });
    expect(ack).toMatchObject({
      ok: true,
      data: { forwarded: true, chatId: group, content: 'see you at 8' },
    });
  });

  it('reuses media: the target chat reads its own copy, and deleting either leaves the other', async ({
    api,
    server,
  }) => {
    const up = await upload(api, { token: bob.token, chatId: direct, file: await tinyPng() });
    expect(up.status).toBe(201);
    const photo = (
      await api.post(
        messagesOf(direct),
        { type: 'IMAGE', attachmentIds: [up.body.upload.id], content: 'view' },
        bob.token,
      )
    ).body.message;
    const res = await forward(api, photo.id, { chatId: group }, ann);
    expect(res.status).toBe(201);
    const copy = res.body.message;
    expect(copy).toMatchObject({ type: 'IMAGE', content: 'view', forwarded: true });
    const [att] = copy.attachments;
    expect(att.id).not.toBe(photo.attachments[0].id);
    expect({ ...att, id: undefined, url: undefined, thumbnailUrl: undefined }).toEqual({
      ...photo.attachments[0],
      id: undefined,
      url: undefined,
      thumbnailUrl: undefined,
    });
    const prisma = server.database.prisma;
    const [source, copied]: any[] = await Promise.all(
      [photo.attachments[0].id, att.id].map((id) => prisma.upload.findUnique({ where: { id } })),
    );
    expect(copied.storageKey).toBe(source.storageKey);
    expect(copied).toMatchObject({
      chatId: group,
      messageId: copy.id,
      uploaderId: ann.id,
      copyOfId: source.id,
    });

    // Carol is in the group, not the direct chat.
    expect((await getMedia(api, att.url, { token: carol.token })).status).toBe(200);
    expect((await getMedia(api, att.thumbnailUrl, { token: carol.token })).status).toBe(200);
    expect((await getMedia(api, photo.attachments[0].url, { token: carol.token })).status).toBe(404);
    // A forward is not an upload: it does not count against the daily quota.
    const quota = await prisma.upload.count({ where: { uploaderId: ann.id, copyOfId: null } });
    expect(quota).toBe(0);

    // Bob deletes his photo for everyone; past the retention its row is purged, the copy's bytes stay.
    expect((await api.delete(`/api/v1/chat/messages/${photo.id}`, bob.token)).status).toBe(200);
    const longAgo = new Date(Date.now() - 400 * 24 * 60 * 60 * 1000);
    await prisma.upload.update({ where: { id: source.id }, data: { deletedAt: longAgo } });
    await purgeMedia();
    expect((await prisma.upload.findUnique({ where: { id: source.id } }))?.purgedAt).toBeInstanceOf(Date);
    expect(await mediaStorage().stat(source.storageKey)).not.toBeNull();
    const served = await getMedia(api, att.url, { token: carol.token });
    expect(served.status).toBe(200);
    expect(served.bytes.length).toBe(att.size);

    // Then the copy goes too: now the bytes go.
    expect((await api.delete(`/api/v1/chat/messages/${copy.id}`, ann.token)).status).toBe(200);
    await prisma.upload.update({ where: { id: att.id }, data: { deletedAt: longAgo } });
    await purgeMedia();
    expect(await mediaStorage().stat(source.storageKey)).toBeNull();
    expect((await getMedia(api, att.url, { token: carol.token })).status).toBe(404);
  });

  it('takes the target chat’s disappearing timer', async ({ api }) => {
    const timed = await createDirect(api, ann, carol);
    expect(
      (
        await api.put(
          `/api/v1/chat/sessions/${timed}/disappearing`,
          { disappearAfterSeconds: 86_400 },
          carol.token,
        )
      ).status,
    ).toBe(200);
    const original = await send(api, direct, ann, 'for a day');
    const copy = (await forward(api, original.id, { chatId: timed }, ann)).body.message;
    expect(Date.parse(copy.expiresAt) - Date.parse(copy.createdAt)).toBe(86_400_000);
    expect(original.expiresAt).toBeNull();
  });

  it('refuses chats the caller is not in, blocked, closed, a mute, deleted messages, notices and bad input; nothing is stored', async ({
    api,
    server,
    openSocket,
  }) => {
    const prisma = server.database.prisma;
    const count = () => prisma.chatMessage.count({ where: { forwarded: true } });
    const before = await count();
    const original = await send(api, direct, ann, 'pass it on');
    const other = await createDirect(api, bob, dan);
    const danMessage = await send(api, other, dan, 'not for ann');

    const expectError = async (res: { status: number; body: any }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    };
    // From a chat you are not in, and to a chat you are not in.
    await expectError(await forward(api, danMessage.id, { chatId: group }, ann), 404, 'NOT_FOUND');
    await expectError(await forward(api, original.id, { chatId: other }, ann), 404, 'NOT_FOUND');
    await expectError(
      await forward(api, original.id, { chatId: '00000000-0000-7000-8000-000000000000' }, ann),
      404,
      'NOT_FOUND',
    );
    // Blocked and closed direct chats.
    const blocked = await createDirect(api, ann, dan);
    expect((await api.post('/api/v1/blocks', { userId: ann.id }, dan.token)).status).toBe(201);
    await expectError(await forward(api, original.id, { chatId: blocked }, ann), 403, 'BLOCKED');
    const closed = await createDirect(api, ann, await api.register('Eve'));
    expect((await api.post(`/api/v1/chat/sessions/${closed}/close`, {}, ann.token)).status).toBe(200);
    await expectError(await forward(api, original.id, { chatId: closed }, ann), 403, 'CHAT_CLOSED');
    // A moderator's mute.
    await prisma.user.update({ where: { id: bob.id }, data: { mutedUntil: new Date(Date.now() + 60_000) } });
    await expectError(await forward(api, original.id, { chatId: direct }, bob), 403, 'MUTED');
    await prisma.user.update({ where: { id: bob.id }, data: { mutedUntil: null } });
    // Deleted messages and notices.
    const gone = await send(api, direct, ann, 'deleted');
    await api.delete(`/api/v1/chat/messages/${gone.id}`, ann.token);
    await expectError(await forward(api, gone.id, { chatId: group }, ann), 409, 'CONFLICT');
    const notice = (await api.get(messagesOf(group), ann.token)).body.items.find(
      (m: any) => m.type === 'SYSTEM',
    );
    await expectError(await forward(api, notice.id, { chatId: direct }, ann), 400, 'VALIDATION');
    // Bad input.
    for (const body of [
      {},
      { chatId: 'nope' },
      { chatId: 42 },
      { chatId: group, clientMessageId: '' },
      null,
    ]) {
      await expectError(await forward(api, original.id, body, ann), 400, 'VALIDATION');
    }
    await expectError(await forward(api, 'nope', { chatId: group }, ann), 404, 'NOT_FOUND');
    const sock = await openSocket({ token: ann.token });
    const echoes = collect(sock, 'message_received');
    expect(await call(sock, 'forward_message', { messageId: original.id, chatId: blocked })).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED' },
    });
    expect(await call(sock, 'forward_message', { messageId: original.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(echoes).toEqual([]);
    // A clientMessageId used in another chat is a conflict, as for sends.
    await send(api, direct, ann, 'x');
    expect(
      (await forward(api, original.id, { chatId: group, clientMessageId: 'fw-twice' }, ann)).status,
    ).toBe(201);
    await expectError(
      await forward(api, original.id, { chatId: direct, clientMessageId: 'fw-twice' }, ann),
      409,
      'CONFLICT',
    );
    expect(await count()).toBe(before + 1);
    expect((await api.get('/api/health')).status).toBe(200);
  });
});
