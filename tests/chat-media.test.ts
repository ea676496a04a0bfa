// Photos, files and voice messages inside messages: sending with
// attachmentIds over REST and the socket, the refusals (and that nothing is
// stored after one), idempotent retries, sync, caption edits, deletes that
// stop the media, search on captions and file names, replies, and "played".
import { randomUUID } from 'node:crypto';
import { purgeClosedChats } from '@/lib/chat/purge-closed-chats';
import type { MessageDto } from '@/lib/chat/dto';
import { type Api, registerAll, type TestUser } from './support/api';
import { createDirect, createGroup, waitFor } from './support/chat';
import { snapshotDb } from './support/db';
import { call } from './support/emit';
import { decisionOf, registerAdmin, appointModerator, reportId } from './support/moderation';
import { TEST_DB, type TestServer } from './support/server';
import { nextEvent } from './support/sockets';
import { beforeAll, describe, expect, it } from './support/fixtures';

const SESSIONS = '/api/v1/chat/sessions';
const messagesOf = (chatId: string) => `${SESSIONS}/${chatId}/messages`;
const messageUrl = (id: string) => `/api/v1/chat/messages/${id}`;
const ADMIN_EMAIL = 'media-admin@example.com';

it.override('serverEnv', { ADMIN_EMAILS: ADMIN_EMAIL });

type Kind = 'IMAGE' | 'FILE' | 'VOICE';
const NAMES: Record<Kind, string> = { IMAGE: 'photo.jpg', FILE: 'report.pdf', VOICE: 'voice.m4a' };
const MIMES: Record<Kind, string> = { IMAGE: 'image/jpeg', FILE: 'application/pdf', VOICE: 'audio/mp4' };
const WAVEFORM = Array.from({ length: 64 }, (_, i) => (i * 4) % 256);

/**
 * An Upload row as POST /api/v1/uploads leaves one (the bytes do not matter
 * here): the rules under test are the message's, not the upload's.
 */
async function seedUpload(
  server: TestServer,
  user: TestUser,
  chatId: string | null,
  kind: Kind = 'IMAGE',
  extra: { name?: string; purpose?: 'MESSAGE' | 'AVATAR'; deletedAt?: Date } = {},
): Promise<string> {
  const upload = await server.database.prisma.upload.create({
    data: {
      uploaderId: user.id,
      chatId,
      kind,
      name: extra.name ?? NAMES[kind],
      mime: MIMES[kind],
      size: 1234,
      storageKey: `test/${randomUUID()}`,
      purpose: extra.purpose ?? 'MESSAGE',
      deletedAt: extra.deletedAt ?? null,
      ...(kind === 'IMAGE' && { width: 640, height: 480, thumbhash: 'YJqGPQw7sFlslqhFafSE+Q6oJ1h2iHB2Rw==' }),
      ...(kind === 'VOICE' && { durationMs: 12_400, waveform: WAVEFORM }),
      ...(kind === 'IMAGE' && { thumbnailKey: `test/${randomUUID()}.webp` }),
    },
  });
  return upload.id;
}

async function send(api: Api, user: TestUser, chatId: string, body: object) {
  return api.post(messagesOf(chatId), body, user.token);
}

async function sent(api: Api, user: TestUser, chatId: string, body: object): Promise<MessageDto> {
  const res = await send(api, user, chatId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.message;
}

/** Everything a refused send could have changed, uploads included. */
async function state(server: TestServer) {
  const prisma = server.database.prisma;
  return { ...(await snapshotDb(prisma)), uploads: await prisma.upload.findMany({ orderBy: { id: 'asc' } }) };
}

const uploadRow = (server: TestServer, id: string) =>
  server.database.prisma.upload.findUniqueOrThrow({ where: { id } });

let ann: TestUser;
let bob: TestUser;
let cat: TestUser;
let direct: string;

beforeAll(async ({ api }) => {
  [ann, bob, cat] = await registerAll(api, 'Ann', 'Bob', 'Cat');
  direct = await createDirect(api, ann, bob);
});

describe(`sending media on ${TEST_DB}`, () => {
  it('sends a photo with a caption: the attachments carry the upload, the receiver gets it live', async ({
    api,
    server,
    openSocket,
  }) => {
    const id = await seedUpload(server, ann, direct);
    const bobSock = await openSocket({ token: bob.token });
    const received = nextEvent<MessageDto>(bobSock, 'message_received');
    const message = await sent(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [id],
      content: 'At the beach',
    });
    const attachment = {
      id,
      kind: 'image',
      mime: 'image/jpeg',
      size: 1234,
      name: 'photo.jpg',
      width: 640,
      height: 480,
      thumbhash: 'YJqGPQw7sFlslqhFafSE+Q6oJ1h2iHB2Rw==',
      url: `/api/v1/media/${id}`,
      thumbnailUrl: `/api/v1/media/${id}?variant=thumbnail`,
    };
    expect(message).toMatchObject({ type: 'IMAGE', content: 'At the beach', attachments: [attachment] });
    expect(await received).toMatchObject({ id: message.id, attachments: [attachment] });
    expect((await uploadRow(server, id)).messageId).toBe(message.id);
    // History and the one-message read carry the same.
    const page = await api.get(`${messagesOf(direct)}?limit=1`, bob.token);
    expect(page.body.items[0].attachments).toEqual([attachment]);
    expect((await api.get(messageUrl(message.id), bob.token)).body.message.attachments).toEqual([attachment]);
  });

  it('sends ten photos in the order given, without a caption; eleven are refused', async ({
    api,
    server,
  }) => {
    const ids = [];
    for (let i = 0; i < 11; i++)
      ids.push(await seedUpload(server, ann, direct, 'IMAGE', { name: `p${i}.jpg` }));
    const before = await state(server);
    const eleven = await send(api, ann, direct, { type: 'IMAGE', attachmentIds: ids });
    expect(eleven.status).toBe(400);
    expect(eleven.body.error).toEqual({
      code: 'VALIDATION',
      message: 'attachmentIds: A message takes at most 10 uploads.',
    });
    expect(await state(server)).toEqual(before);

    const ten = ids.slice(0, 10).reverse();
    const message = await sent(api, ann, direct, { type: 'IMAGE', attachmentIds: ten });
    expect(message.content).toBe('');
    expect(message.attachments?.map((a) => a.id)).toEqual(ten);
    expect(message.attachments?.map((a) => a.name)).toEqual(ten.map((_, i) => `p${9 - i}.jpg`));
  });

  it('sends a file and a voice message over the socket, with the same rules', async ({
    server,
    openSocket,
  }) => {
    const sock = await openSocket({ token: ann.token });
    const file = await seedUpload(server, ann, direct, 'FILE');
    const voice = await seedUpload(server, ann, direct, 'VOICE');
    const f = await call<MessageDto>(sock, 'send_message', {
      chatId: direct,
      type: 'FILE',
      attachmentIds: [file],
    });
    expect(f.ok && f.data).toMatchObject({
      type: 'FILE',
      content: '',
      attachments: [{ id: file, kind: 'file', name: 'report.pdf' }],
    });
    const v = await call<MessageDto>(sock, 'send_message', {
      chatId: direct,
      type: 'VOICE',
      attachmentIds: [voice],
      content: 'listen',
    });
    expect(v.ok && v.data.attachments).toEqual([
      {
        id: voice,
        kind: 'voice',
        mime: 'audio/mp4',
        size: 1234,
        name: 'voice.m4a',
        durationMs: 12_400,
        waveform: WAVEFORM,
        url: `/api/v1/media/${voice}`,
      },
    ]);
    const wrong = await call(sock, 'send_message', { chatId: direct, type: 'VOICE', attachmentIds: [file] });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('attachmentIds:') },
    });
  });

  it('refuses the wrong kind, the wrong count and uploads on a text message, storing nothing', async ({
    api,
    server,
  }) => {
    const image = await seedUpload(server, ann, direct, 'IMAGE');
    const file = await seedUpload(server, ann, direct, 'FILE');
    const voice = await seedUpload(server, ann, direct, 'VOICE');
    const before = await state(server);
    const cases: Array<[object, string]> = [
      [
        { type: 'FILE', attachmentIds: [image] },
        'attachmentIds: "photo.jpg" was uploaded as image, so send it as type IMAGE; type FILE takes file uploads only.',
      ],
      [
        { type: 'VOICE', attachmentIds: [file] },
        'attachmentIds: "report.pdf" was uploaded as file, so send it as type FILE; type VOICE takes voice uploads only.',
      ],
      [
        { type: 'IMAGE', attachmentIds: [image, voice] },
        'attachmentIds: "voice.m4a" was uploaded as voice, so send it as type VOICE; type IMAGE takes image uploads only.',
      ],
      [
        { type: 'FILE', attachmentIds: [file, image] },
        'attachmentIds: A file message needs exactly 1 file upload.',
      ],
      [{ type: 'VOICE' }, 'attachmentIds: A voice message needs exactly 1 voice upload.'],
      [
        { type: 'IMAGE', attachmentIds: [] },
        'attachmentIds: List at least one upload id, or leave attachmentIds out.',
      ],
      [{ type: 'IMAGE', attachmentIds: [image, image] }, 'attachmentIds: List each upload once.'],
      [
        { content: 'hi', attachmentIds: [image] },
        'attachmentIds: A text message cannot carry uploads: send it as IMAGE, FILE or VOICE.',
      ],
      [{ type: 'TEXT', content: '' }, 'content: A message cannot be empty.'],
      [{ type: 'IMAGE', attachmentIds: ['not-an-id'] }, 'attachmentIds.0: Must be an id (UUID).'],
      [{ type: 'IMAGE', attachmentIds: image }, 'attachmentIds: attachmentIds must be a list of upload ids.'],
    ];
    for (const [body, message] of cases) {
      const res = await send(api, ann, direct, body);
      expect([res.status, res.body.error], JSON.stringify(body)).toEqual([
        400,
        { code: 'VALIDATION', message },
      ]);
    }
    const long = await send(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [image],
      content: 'x'.repeat(4001),
    });
    expect(long.status).toBe(413);
    expect(await state(server)).toEqual(before);
  });

  it("answers 404 for unknown uploads, someone else's, another chat's, an avatar or a deleted one", async ({
    api,
    server,
  }) => {
    const other = await createDirect(api, ann, cat);
    const cases = {
      unknown: randomUUID(),
      "Bob's": await seedUpload(server, bob, direct),
      "another chat's": await seedUpload(server, ann, other),
      'an avatar': await seedUpload(server, ann, null, 'IMAGE', { purpose: 'AVATAR' }),
      'a deleted one': await seedUpload(server, ann, direct, 'IMAGE', { deletedAt: new Date() }),
    };
    const mine = await seedUpload(server, ann, direct);
    const before = await state(server);
    for (const [what, id] of Object.entries(cases)) {
      const res = await send(api, ann, direct, { type: 'IMAGE', attachmentIds: [mine, id] });
      expect([res.status, res.body.error], what).toEqual([
        404,
        {
          code: 'NOT_FOUND',
          message: `attachmentIds: There is no upload ${id} of yours in this chat. Upload the file to this chat first.`,
        },
      ]);
    }
    // Someone not in the chat hears that the chat is not there, not about the upload.
    const outsider = await send(api, cat, direct, { type: 'IMAGE', attachmentIds: [mine] });
    expect([outsider.status, outsider.body.error.message]).toEqual([
      404,
      'This chat does not exist or you are not in it.',
    ]);
    expect(await state(server)).toEqual(before);
    expect((await uploadRow(server, mine)).messageId).toBeNull();
  });

  it('attaches an upload once: a second message with it is a 409, and a retry returns the first message', async ({
    api,
    server,
  }) => {
    const id = await seedUpload(server, ann, direct);
    const first = await send(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [id],
      clientMessageId: 'media-1',
    });
    expect(first.status).toBe(201);
    const before = await state(server);
    const retry = await send(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [id],
      clientMessageId: 'media-1',
    });
    expect([retry.status, retry.body.message]).toEqual([200, first.body.message]);
    const twice = await send(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [id],
      clientMessageId: 'media-2',
    });
    expect([twice.status, twice.body.error]).toEqual([
      409,
      {
        code: 'CONFLICT',
        message:
          'attachmentIds: "photo.jpg" is already attached to a message. Upload it again to send it again.',
      },
    ]);
    expect(await state(server)).toEqual(before);
    expect((await uploadRow(server, id)).messageId).toBe(first.body.message.id);
  });

  it('lets one of two racing sends of the same upload win; the other stores nothing', async ({
    api,
    server,
  }) => {
    const id = await seedUpload(server, ann, direct);
    const { lastSeq } = await server.database.prisma.chatSession.findUniqueOrThrow({ where: { id: direct } });
    const results = await Promise.all(
      [1, 2, 3].map(() => send(api, ann, direct, { type: 'IMAGE', attachmentIds: [id] })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const after = await server.database.prisma.chatSession.findUniqueOrThrow({ where: { id: direct } });
    expect(after.lastSeq).toBe(lastSeq + 1);

    // Retries racing the first send: one message, the same for all.
    const again = await seedUpload(server, ann, direct);
    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        send(api, ann, direct, { type: 'IMAGE', attachmentIds: [again], clientMessageId: 'racing-retry' }),
      ),
    );
    expect(retries.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(retries.map((r) => r.body.message.id)).size).toBe(1);
    expect((await uploadRow(server, again)).messageId).toBe(retries[0]!.body.message.id);
  });

  it('keeps every rule of a send: blocks, closed chats and replies', async ({ api, server }) => {
    const [dan, eve] = await registerAll(api, 'Dan', 'Eve');
    const chat = await createDirect(api, dan, eve);
    const original = await sent(api, eve, chat, { content: 'send me the photo' });
    const reply = await seedUpload(server, dan, chat);
    const answer = await sent(api, dan, chat, {
      type: 'IMAGE',
      attachmentIds: [reply],
      replyToId: original.id,
    });
    expect(answer.replyToId).toBe(original.id);
    // A reply to a photo, and its quote's text.
    const quote = await sent(api, eve, chat, { content: 'nice', replyToId: answer.id });
    expect(quote.replyToId).toBe(answer.id);
    const badReply = await send(api, dan, chat, {
      type: 'IMAGE',
      attachmentIds: [await seedUpload(server, dan, chat)],
      replyToId: randomUUID(),
    });
    expect(badReply.status).toBe(400);

    const pending = await seedUpload(server, dan, chat);
    expect((await api.post('/api/v1/blocks', { userId: dan.id }, eve.token)).status).toBe(201);
    const blocked = await send(api, dan, chat, { type: 'IMAGE', attachmentIds: [pending] });
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'BLOCKED']);
    expect((await api.delete(`/api/v1/blocks/${dan.id}`, eve.token)).status).toBe(204);
    expect((await api.post(`${SESSIONS}/${chat}/close`, {}, eve.token)).status).toBe(200);
    const closed = await send(api, dan, chat, { type: 'IMAGE', attachmentIds: [pending] });
    expect([closed.status, closed.body.error.code]).toEqual([403, 'CHAT_CLOSED']);
    expect((await uploadRow(server, pending)).messageId).toBeNull();
  });
});

describe(`media messages after sending, on ${TEST_DB}`, () => {
  it('carries attachments in a sync after a reconnect', async ({ api, server, openSocket }) => {
    const chat = await createGroup(api, ann, [bob], 'Sync');
    const base = (await api.get(`${SESSIONS}/${chat}`, bob.token)).body.chat.lastSeq as number;
    const id = await seedUpload(server, ann, chat, 'FILE', { name: 'minutes.pdf' });
    const message = await sent(api, ann, chat, { type: 'FILE', attachmentIds: [id], content: 'notes' });
    const bobSock = await openSocket({ token: bob.token });
    const res = await call(bobSock, 'sync', { since: { [chat]: base } });
    expect(res.ok && res.data.messages).toEqual([message]);
    expect(message.attachments?.[0]?.name).toBe('minutes.pdf');
  });

  it('edits only the caption, which may become empty; a text message may not', async ({ api, server }) => {
    const id = await seedUpload(server, ann, direct);
    const message = await sent(api, ann, direct, {
      type: 'IMAGE',
      attachmentIds: [id],
      content: 'old caption',
    });
    const edited = await api.put(messageUrl(message.id), { content: 'new caption' }, ann.token);
    expect(edited.body.message).toMatchObject({ content: 'new caption', attachments: message.attachments });
    const cleared = await api.put(messageUrl(message.id), { content: '' }, ann.token);
    expect([cleared.status, cleared.body.message.content]).toEqual([200, '']);
    expect(cleared.body.message.attachments).toEqual(message.attachments);

    const text = await sent(api, ann, direct, { content: 'words' });
    const empty = await api.put(messageUrl(text.id), { content: '  ' }, ann.token);
    expect([empty.status, empty.body.error.message]).toEqual([400, 'content: A message cannot be empty.']);
  });

  it('deletes: a tombstone without attachments, and its uploads marked deleted', async ({
    api,
    server,
    openSocket,
  }) => {
    const ids = [await seedUpload(server, ann, direct), await seedUpload(server, ann, direct)];
    const message = await sent(api, ann, direct, { type: 'IMAGE', attachmentIds: ids });
    const bobSock = await openSocket({ token: bob.token });
    const heard = nextEvent<MessageDto>(bobSock, 'message_deleted');
    const res = await api.delete(messageUrl(message.id), ann.token);
    expect(res.body.message).toMatchObject({ content: '', attachments: null });
    expect((await heard).attachments).toBeNull();
    for (const id of ids) expect((await uploadRow(server, id)).deletedAt).not.toBeNull();
  });

  it("marks uploads deleted when a moderator deletes the messages, a group is deleted or a closed chat's time is up", async ({
    api,
    server,
  }) => {
    const admin = await registerAdmin(api, ADMIN_EMAIL);
    const mod = await appointModerator(api, admin);
    const [gus, hal] = await registerAll(api, 'Gus', 'Hal');
    const chat = await createDirect(api, gus, hal);
    const reported = await sent(api, gus, chat, {
      type: 'IMAGE',
      attachmentIds: [await seedUpload(server, gus, chat)],
    });
    const report = await reportId(api, hal, {
      userId: gus.id,
      chatId: chat,
      messageIds: [reported.id],
      category: 'harassment',
    });
    const evidence = (await api.get(`/api/v1/admin/reports/${report}`, mod.token)).body.report.evidence;
    expect(evidence.messages[0].attachments).toEqual(reported.attachments);
    const decided = await api.post(
      decisionOf(report),
      { action: 'delete_messages', reason: 'Abuse' },
      mod.token,
    );
    expect(decided.status).toBe(200);
    expect((await uploadRow(server, reported.attachments![0]!.id)).deletedAt).not.toBeNull();

    const group = await createGroup(api, gus, [hal], 'Gone');
    const inGroup = await seedUpload(server, hal, group);
    await sent(api, hal, group, { type: 'IMAGE', attachmentIds: [inGroup] });
    const unsent = await seedUpload(server, hal, group, 'FILE');
    expect((await api.delete(`${SESSIONS}/${group}?forEveryone=true`, gus.token)).status).toBe(204);
    for (const id of [inGroup, unsent]) expect((await uploadRow(server, id)).deletedAt).not.toBeNull();

    const closing = await seedUpload(server, gus, chat, 'VOICE');
    await sent(api, gus, chat, { type: 'VOICE', attachmentIds: [closing] });
    await api.post(`${SESSIONS}/${chat}/close`, {}, hal.token);
    await server.database.prisma.chatSession.update({
      where: { id: chat },
      data: { closedAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) },
    });
    await purgeClosedChats();
    // Another test file's purge on the same database may take it first (SKIP LOCKED): either way it goes.
    const chats = server.database.prisma.chatSession;
    await waitFor(async () => (await chats.findUnique({ where: { id: chat } })) === null, 10_000, 'the purge');
    expect((await uploadRow(server, closing)).deletedAt).not.toBeNull();
  });

  it('finds media messages by caption and by file name, and no longer once deleted', async ({
    api,
    server,
  }) => {
    const chat = await createGroup(api, ann, [bob], 'Search');
    const photo = await sent(api, ann, chat, {
      type: 'IMAGE',
      attachmentIds: [await seedUpload(server, ann, chat, 'IMAGE', { name: 'IMG_4242.jpg' })],
      content: 'sunset over the harbour',
    });
    const file = await sent(api, ann, chat, {
      type: 'FILE',
      attachmentIds: [await seedUpload(server, ann, chat, 'FILE', { name: 'Quarterly Budget.xlsx' })],
    });
    await sent(api, ann, chat, { content: 'unrelated words' });
    const search = async (q: string) =>
      (await api.get(`${SESSIONS}/${chat}/search?q=${encodeURIComponent(q)}`, bob.token)).body.items.map(
        (hit: { message: MessageDto }) => hit.message.id,
      );
    expect(await search('harbour')).toEqual([photo.id]);
    expect(await search('img_4242')).toEqual([photo.id]);
    expect(await search('budget')).toEqual([file.id]);
    expect(await search('quarter')).toEqual([file.id]);
    expect(await search('xlsx')).toEqual([file.id]);
    await api.delete(messageUrl(file.id), ann.token);
    expect(await search('budget')).toEqual([]);
  });
});

describe(`voice played, on ${TEST_DB}`, () => {
  const played = (id: string) => `${messageUrl(id)}/played`;

  it('tells the sender of a direct chat, live and in a sync, once', async ({ api, server, openSocket }) => {
    const voice = await sent(api, ann, direct, {
      type: 'VOICE',
      attachmentIds: [await seedUpload(server, ann, direct, 'VOICE')],
    });
    const changedSince = new Date().toISOString();
    const annSock = await openSocket({ token: ann.token });
    const bobSock = await openSocket({ token: bob.token });
    const edited = nextEvent<MessageDto>(annSock, 'message_edited');
    const ack = await call<MessageDto>(bobSock, 'voice_played', { messageId: voice.id });
    expect(ack.ok).toBe(true);
    const playedAt = ack.ok ? ack.data.attachments?.[0]?.playedAt : undefined;
    expect(playedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const heard = await edited;
    expect(heard).toMatchObject({ id: voice.id, editedAt: null, content: '' });
    expect(heard.attachments).toEqual([{ ...voice.attachments![0], playedAt }]);
    expect((await uploadRow(server, voice.attachments![0]!.id)).playedAt?.toISOString()).toBe(playedAt);

    // Again, over REST: the same message, nothing new announced.
    const again = await api.post(played(voice.id), {}, bob.token);
    expect([again.status, again.body.message.attachments[0].playedAt]).toEqual([200, playedAt]);
    const sync = await call(annSock, 'sync', { since: { [direct]: voice.seq }, changedSince });
    expect(
      sync.ok && sync.data.changed.find((m: MessageDto) => m.id === voice.id)?.attachments[0].playedAt,
    ).toBe(playedAt);
  });

  it('changes nothing for the sender, in groups, or for a message that is not voice; outsiders get 404', async ({
    api,
    server,
  }) => {
    const voice = await sent(api, ann, direct, {
      type: 'VOICE',
      attachmentIds: [await seedUpload(server, ann, direct, 'VOICE')],
    });
    const own = await api.post(played(voice.id), {}, ann.token);
    expect([own.status, own.body.message.attachments[0].playedAt]).toEqual([200, undefined]);
    const outsider = await api.post(played(voice.id), {}, cat.token);
    expect([outsider.status, outsider.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api.post(played(randomUUID()), {}, bob.token)).status).toBe(404);
    expect((await api.post(played('nope'), {}, bob.token)).status).toBe(404);
    const text = await sent(api, ann, direct, { content: 'not a voice' });
    const notVoice = await api.post(played(text.id), {}, bob.token);
    expect([notVoice.status, notVoice.body.error.message]).toEqual([
      400,
      'Only a voice message can be marked played.',
    ]);

    const group = await createGroup(api, ann, [bob, cat], 'Voices');
    const inGroup = await sent(api, ann, group, {
      type: 'VOICE',
      attachmentIds: [await seedUpload(server, ann, group, 'VOICE')],
    });
    const groupPlay = await api.post(played(inGroup.id), {}, bob.token);
    expect([groupPlay.status, groupPlay.body.message]).toEqual([200, inGroup]);
    expect((await uploadRow(server, inGroup.attachments![0]!.id)).playedAt).toBeNull();
    expect((await uploadRow(server, voice.attachments![0]!.id)).playedAt).toBeNull();
    expect((await api.post(played(voice.id), {})).status).toBe(401);

    // Nor across a block, either way.
    const [dan, eve] = await registerAll(api, 'Dan', 'Eve');
    const chat = await createDirect(api, dan, eve);
    const blocked = await sent(api, dan, chat, {
      type: 'VOICE',
      attachmentIds: [await seedUpload(server, dan, chat, 'VOICE')],
    });
    await api.post('/api/v1/blocks', { userId: eve.id }, dan.token);
    const afterBlock = await api.post(played(blocked.id), {}, eve.token);
    expect([afterBlock.status, afterBlock.body.message.attachments[0].playedAt]).toEqual([200, undefined]);
  });
});
