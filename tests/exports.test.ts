// Exports (issue 21, part 1): a chat or an account as a zip built by a
// background job, with progress on the socket; permissions, limits and bad
// input; and a job whose server dies mid-export finishing after a restart.
import { sweepExpiredExports } from '@/lib/exports/store';
import { mediaStorage } from '@/lib/media/storage';
import { Api, registerAll, type TestUser } from './support/api';
import { createGroup, waitFor } from './support/chat';
import { spawnServer } from './support/child-server';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { attachToMessage, upload } from './support/media';
import { RAISED_LIMITS } from './support/limits';
import { createServerDatabase } from './support/postgres';
import { TEST_DB } from './support/server';
import { nextEvent } from './support/sockets';
import { unzip, verifiedManifest } from './support/zip';

const PAYLOAD = '<script>document.title="owned"</script><img src=x onerror=alert(1)>';
const EXPORTS = '/api/v1/exports';
const messages = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;

it.override('serverEnv', { EXPORTS_PER_DAY: '3' });

async function send(api: Api, who: TestUser, chatId: string, content: string, extra = {}): Promise<any> {
  const res = await api.post(messages(chatId), { content, ...extra }, who.token);
  expect(res.status).toBe(201);
  return res.body.message;
}

/** Polls the export until it is ready (or failed), with a deadline. */
async function settled(api: Api, who: TestUser, id: string, ms = 30_000): Promise<any> {
  let job: any;
  await waitFor(
    async () => {
      job = (await api.get(`${EXPORTS}/${id}`, who.token)).body.export;
      return job?.status === 'ready' || job?.status === 'failed';
    },
    ms,
    `export ${id}`,
  );
  return job;
}

async function download(baseUrl: string, who: TestUser, id: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl}${EXPORTS}/${id}/download`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  return Buffer.from(await res.arrayBuffer());
}

const lines = (bytes: Buffer | undefined) =>
  bytes!
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe(`exports on ${TEST_DB}`, () => {
  let ann: TestUser, bob: TestUser, carl: TestUser, dora: TestUser;
  let groupId: string;
  beforeAll(async ({ api }) => {
    [ann, bob, carl, dora] = await registerAll(api, 'Ann', 'Bob', 'Carl', 'Dora');
    groupId = await createGroup(api, ann, [bob, carl], PAYLOAD);
  });

  it('round trip: every message once, tombstones, edits, replies, media, escaped HTML, sha256s; live progress', async ({
    api,
    server,
    openSocket,
  }) => {
    const first = await send(api, ann, groupId, PAYLOAD);
    const edited = await send(api, bob, groupId, 'helo');
    expect(
      (await api.put(`/api/v1/chat/messages/${edited.id}`, { content: 'hello' }, bob.token)).status,
    ).toBe(200);
    const gone = await send(api, ann, groupId, 'secret that was deleted');
    expect((await api.delete(`/api/v1/chat/messages/${gone.id}`, ann.token)).status).toBe(200);
    const reply = await send(api, carl, groupId, 'a reply', { replyToId: first.id });
    const bytes = Buffer.from('the bytes of a file, exported whole\n');
    const up = await upload(api, { token: ann.token, chatId: groupId, file: bytes, name: 'notes.txt' });
    expect(up.status).toBe(201);
    const mediaId = await attachToMessage(api, server.database.prisma, {
      token: ann.token,
      chatId: groupId,
      upload: up.body.upload,
    });
    // Carl leaves: his export stops there and holds no media.
    expect((await api.delete(`/api/v1/chat/sessions/${groupId}`, carl.token)).status).toBe(204);
    const late = await send(api, ann, groupId, 'after Carl left');

    const socket = await openSocket({ token: ann.token });
    const asked = await api.post(EXPORTS, { scope: 'chat', chatId: groupId }, ann.token);
    expect(asked.status).toBe(202);
    expect(asked.body.export).toMatchObject({ status: 'queued', progress: 0, scope: 'chat', format: 'both' });
    const id = asked.body.export.id;
    const ready = await nextEvent<any>(socket, 'export_ready', 30_000, (p) => p.exportId === id);
    expect(ready.downloadUrl).toBe(`${EXPORTS}/${id}/download`);
    const job = await settled(api, ann, id);
    expect(job).toMatchObject({ status: 'ready', progress: 1, size: expect.any(Number) });

    const files = await unzip(await download(server.url, ann, id));
    const manifest = verifiedManifest(files);
    const stored = await server.database.prisma.chatMessage.findMany({
      where: { chatId: groupId },
      orderBy: { seq: 'asc' },
    });
    const exported = lines(files.get(`chats/${groupId}/messages.jsonl`));
    expect(exported.map((m: any) => m.id)).toEqual(stored.map((m) => m.id));
    expect(manifest.counts).toMatchObject({
      chats: 1,
      messages: stored.length,
      deletedMessages: 1,
      mediaFiles: 1,
    });
    const byId = new Map(exported.map((m: any) => [m.id, m]));
    expect(byId.get(first.id)).toMatchObject({ content: PAYLOAD, deleted: false });
    expect(byId.get(edited.id)).toMatchObject({ content: 'hello', editedAt: expect.any(String) });
    expect(byId.get(gone.id)).toMatchObject({ deleted: true, content: '', attachments: [] });
    expect(byId.get(reply.id)).toMatchObject({ replyToId: first.id, sender: { id: carl.id, name: 'Carl' } });
    const attachment = (byId.get(mediaId) as any).attachments[0];
    expect(attachment).toMatchObject({
      id: up.body.upload.id,
      name: 'notes.txt',
      file: expect.stringMatching(/^media\//),
    });
    expect(files.get(attachment.file)).toEqual(bytes);
    const html = files.get(`chats/${groupId}/messages.html`)!.toString('utf8');
    expect(html).not.toContain('<script>document');
    expect(html).toContain('&#60;script&#62;document.title=&#34;owned&#34;&#60;/script&#62;');
    expect(html).not.toContain('secret that was deleted');
    expect(files.get('index.html')!.toString('utf8')).not.toContain('<script>');

    const carls = await api.post(EXPORTS, { scope: 'chat', chatId: groupId, format: 'json' }, carl.token);
    expect(carls.status).toBe(202);
    expect((await settled(api, carl, carls.body.export.id)).status).toBe('ready');
    const carlFiles = await unzip(await download(server.url, carl, carls.body.export.id));
    verifiedManifest(carlFiles);
    const carlSaw = lines(carlFiles.get(`chats/${groupId}/messages.jsonl`)).map((m: any) => m.id);
    expect(carlSaw).toEqual(expect.arrayContaining([first.id, reply.id, mediaId]));
    expect(carlSaw).not.toContain(late.id);
    expect([...carlFiles.keys()].filter((p) => p.startsWith('media/'))).toEqual([]);
    expect(carlFiles.has(`chats/${groupId}/messages.html`)).toBe(false);
  }, 60_000);

  it('account export: profile, sessions, blocks, own reports, and every chat; deleted by the sweep once expired', async ({
    api,
    server,
  }) => {
    expect((await api.post('/api/v1/blocks', { userId: dora.id }, bob.token)).status).toBeLessThan(300);
    const asked = await api.post(
      EXPORTS,
      { scope: 'account', format: 'html', includeMedia: false },
      bob.token,
    );
    expect(asked.status).toBe(202);
    expect((await settled(api, bob, asked.body.export.id)).status).toBe('ready');
    const files = await unzip(await download(server.url, bob, asked.body.export.id));
    const manifest = verifiedManifest(files);
    expect(manifest.scope).toBe('account');
    expect(JSON.parse(files.get('account/profile.json')!.toString())).toMatchObject({
      id: bob.id,
      name: 'Bob',
    });
    expect(JSON.parse(files.get('account/blocks.json')!.toString())).toEqual([
      { user: { id: dora.id, name: 'Dora' }, createdAt: expect.any(String) },
    ]);
    expect(JSON.parse(files.get('account/reports.json')!.toString())).toEqual([]);
    expect(JSON.parse(files.get('account/sessions.json')!.toString())).toHaveProperty('browserSessions');
    expect(files.has(`chats/${groupId}/messages.html`)).toBe(true);
    expect([...files.keys()].some((p) => p.startsWith('media/'))).toBe(false);

    // Past its expiry, the sweep deletes the zip; the job reads expired and downloads are refused.
    const id = asked.body.export.id;
    const prisma = server.database.prisma;
    const { storageKey } = await prisma.exportJob.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await mediaStorage().stat(storageKey!)).not.toBeNull();
    expect(await sweepExpiredExports()).toBe(1);
    expect(await mediaStorage().stat(storageKey!)).toBeNull();
    expect((await api.get(`${EXPORTS}/${id}`, bob.token)).body.export).toMatchObject({
      status: 'expired',
      downloadUrl: null,
    });
    expect((await api.get(`${EXPORTS}/${id}/download`, bob.token)).status).toBe(409);
  }, 60_000);

  it('refuses chats you were never in, others’ ids, bad input, a second running export and the fourth of a day', async ({
    api,
    server,
  }) => {
    // Dora was never in the group: the same 404 as for a chat that does not exist.
    for (const chatId of [groupId, crypto.randomUUID()]) {
      const res = await api.post(EXPORTS, { scope: 'chat', chatId }, dora.token);
      expect(res.status).toBe(404);
    }
    for (const body of [
      { scope: 'everything' },
      { scope: 'chat' },
      { scope: 'account', chatId: groupId },
      { scope: 'chat', chatId: 'not-an-id' },
      { scope: 'account', format: 'pdf' },
      { scope: 'account', includeMedia: 'yes' },
      { scope: 'account', extra: 1 },
      [],
    ]) {
      const res = await api.post(EXPORTS, body, dora.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect(await server.database.prisma.exportJob.count({ where: { userId: dora.id } })).toBe(0);

    // Ann's export is hers alone.
    const anns = (await api.get(EXPORTS, ann.token)).body.exports;
    const annsId = anns[0].id;
    for (const path of [`${EXPORTS}/${annsId}`, `${EXPORTS}/${annsId}/download`, `${EXPORTS}/nonsense`]) {
      expect((await api.get(path, dora.token)).status, path).toBe(404);
    }
    expect((await api.delete(`${EXPORTS}/${annsId}`, dora.token)).status).toBe(404);
    expect((await api.get(EXPORTS, dora.token)).body.exports).toEqual([]);
    expect((await api.get(`${EXPORTS}/${annsId}`, ann.token)).status).toBe(200);

    // Several at once: one is queued, the others are told it is in progress.
    const racing = await Promise.all(
      [1, 2, 3].map(() => api.post(EXPORTS, { scope: 'account' }, dora.token)),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    const queued = racing.find((r) => r.status === 202)!.body.export.id;
    // Not ready is 409 (held RUNNING by a worker that does not exist, so nothing finishes it meanwhile).
    await server.database.prisma.exportJob.update({
      where: { id: queued },
      data: { status: 'RUNNING', leaseOwner: 'elsewhere', leaseUntil: new Date(Date.now() + 3_600_000) },
    });
    expect((await api.get(`${EXPORTS}/${queued}/download`, dora.token)).status).toBe(409);
    expect((await api.delete(`${EXPORTS}/${queued}`, dora.token)).status).toBe(204);
    expect((await api.get(`${EXPORTS}/${queued}`, dora.token)).status).toBe(404);
    // Deleting does not give the day's allowance back: 3 a day.
    for (let i = 0; i < 2; i++) {
      const res = await api.post(EXPORTS, { scope: 'account', format: 'json' }, dora.token);
      expect(res.status).toBe(202);
      expect((await api.delete(`${EXPORTS}/${res.body.export.id}`, dora.token)).status).toBe(204);
    }
    const fourth = await api.post(EXPORTS, { scope: 'account' }, dora.token);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('RATE_LIMITED');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});

describe(`an export whose server dies on ${TEST_DB}`, () => {
  it('is built again after a restart, and only a whole zip is offered', async () => {
    const database = await createServerDatabase(TEST_DB, 'chat_export_restart');
    // Slow pages and a short lease: the kill lands mid-export, and the restart takes the job over soon.
    const slow = { ...RAISED_LIMITS, ...database.env, EXPORT_PACE_MS: '800', EXPORT_LEASE_SECONDS: '2' };
    let server = await spawnServer(slow, { compiled: true });
    try {
      let api = new Api(server.url);
      const [eve, fay] = await registerAll(api, 'Eve', 'Fay');
      for (let i = 0; i < 4; i++) {
        const chatId = await createGroup(api, eve, [fay], `Chat ${i}`);
        await send(api, eve, chatId, `hello ${i}`);
      }
      const id = (await api.post(EXPORTS, { scope: 'account' }, eve.token)).body.export.id;
      await waitFor(
        async () => (await api.get(`${EXPORTS}/${id}`, eve.token)).body.export.progress > 0,
        20_000,
        'progress',
      );
      const before = (await api.get(`${EXPORTS}/${id}`, eve.token)).body.export;
      expect(before).toMatchObject({ status: 'running', downloadUrl: null });
      expect(before.progress).toBeLessThan(0.9);
      expect((await api.get(`${EXPORTS}/${id}/download`, eve.token)).status).toBe(409);
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));

      server = await spawnServer(
        {
          ...RAISED_LIMITS,
          ...database.env,
          EXPORT_LEASE_SECONDS: '2',
          AUTH_SECRET: server.env.AUTH_SECRET!,
        },
        { compiled: true },
      );
      api = new Api(server.url);
      const job = await settled(api, eve, id);
      expect(job.status).toBe('ready');
      const files = await unzip(await download(server.url, eve, id));
      expect(verifiedManifest(files).counts).toMatchObject({ chats: 4 });
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 180_000);
});
