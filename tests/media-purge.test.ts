// The byte purge (lib/media/purge-media.ts): deleted media goes from storage
// once the retention has passed, unless a report's evidence holds it; a
// message upload no message took within a day, or whose chat is gone, goes
// with its row. Everything else stays.
import { mediaStorage } from '@/lib/media/storage';
import { purgeMedia } from '@/lib/media/purge-media';
import { registerAll, type TestUser } from './support/api';
import { createDirect, createGroup } from './support/chat';
import { beforeAll, describe, expect, it } from './support/fixtures';
import { attachToMessage, getMedia, tinyPng, upload } from './support/media';
import { reportId } from './support/moderation';
import { TEST_DB } from './support/server';

let ann: TestUser;
let bob: TestUser;
let directId: string;

beforeAll(async ({ api }) => {
  [ann, bob] = await registerAll(api, 'Ann', 'Bob');
  directId = await createDirect(api, ann, bob);
});

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe(`the media purge on ${TEST_DB}, local disk`, () => {
  it('removes the bytes nobody may read any more and keeps the rest', async ({ api, server }) => {
    const prisma = server.database.prisma;
    const send = async (file: Buffer, chatId = directId, extra: Record<string, string> = {}) => {
      const res = await upload(api, { token: ann.token, chatId, file, ...extra });
      expect(res.status).toBe(201);
      return res.body.upload;
    };
    const png = await tinyPng();
    // Deleted 100 days ago, but a report holds it (its evidence: the messages up to the reported one).
    const held = await send(Buffer.from('evidence'));
    const heldMessage = await attachToMessage(api, prisma, {
      token: ann.token,
      chatId: directId,
      upload: held,
    });
    await reportId(api, bob, {
      userId: ann.id,
      chatId: directId,
      messageIds: [heldMessage],
      category: 'spam',
    });
    // Deleted 100 days ago (retention 90), sent after the report: the bytes go, thumbnail too, the row stays.
    const old = await send(png);
    await attachToMessage(api, prisma, { token: ann.token, chatId: directId, upload: old });
    // Deleted yesterday: within the retention.
    const recent = await send(Buffer.from('recent'));
    await attachToMessage(api, prisma, { token: ann.token, chatId: directId, upload: recent });
    await prisma.upload.updateMany({
      where: { id: { in: [old.id, held.id] } },
      data: { deletedAt: daysAgo(100) },
    });
    await prisma.upload.update({ where: { id: recent.id }, data: { deletedAt: daysAgo(1) } });
    // Never attached: two days old goes, row and all; a fresh one stays.
    const stale = await send(Buffer.from('stale'));
    await prisma.upload.update({ where: { id: stale.id }, data: { createdAt: daysAgo(2) } });
    const fresh = await send(Buffer.from('fresh'));
    // Its chat deleted for everyone.
    const groupId = await createGroup(api, ann, [bob], 'Gone');
    const orphan = await send(Buffer.from('orphan'), groupId);
    expect((await api.delete(`/api/v1/chat/sessions/${groupId}?forEveryone=true`, ann.token)).status).toBe(
      204,
    );
    // An old profile photo stays.
    const avatar = (await upload(api, { token: ann.token, purpose: 'avatar', file: png })).body.upload;
    await prisma.upload.update({ where: { id: avatar.id }, data: { createdAt: daysAgo(30) } });

    const rows = await prisma.upload.findMany({ select: { id: true, storageKey: true, thumbnailKey: true } });
    const keysOf = new Map(
      rows.map((r: any) => [r.id, [r.storageKey, r.thumbnailKey].filter(Boolean) as string[]]),
    );
    const present = async (id: string) =>
      Promise.all((keysOf.get(id) ?? []).map(async (key) => (await mediaStorage().stat(key)) !== null));
    expect(await present(old.id)).toEqual([true, true]);

    const result = await purgeMedia();
    expect(result).toEqual({ purged: 3, removed: 2, failed: 0 });

    expect(await present(old.id)).toEqual([false, false]);
    expect((await prisma.upload.findUnique({ where: { id: old.id } }))?.purgedAt).toBeInstanceOf(Date);
    for (const gone of [stale, orphan]) {
      expect(await prisma.upload.findUnique({ where: { id: gone.id } })).toBeNull();
      expect(await present(gone.id)).toEqual([false]);
    }
    for (const kept of [held, recent, fresh]) {
      expect(await present(kept.id)).toEqual([true]);
      expect((await prisma.upload.findUnique({ where: { id: kept.id } }))?.purgedAt).toBeNull();
    }
    expect(await present(avatar.id)).toEqual([true, true]);
    expect((await getMedia(api, fresh.url, { token: ann.token })).status).toBe(200);
    // A second run finds nothing more to do.
    expect(await purgeMedia()).toEqual({ purged: 0, removed: 0, failed: 0 });
  });
});
