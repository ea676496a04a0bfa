// A forwarded media message's attachments: new Upload rows in the target
// chat that name the same stored bytes (storageKey, thumbnailKey) as the
// original's, so nothing is uploaded again. Each copy is read by the
// target chat's members (lib/media/can-read-upload.ts) and retired with its
// own message or chat; the bytes stay while any row naming them is not
// purged (lib/media/purge-media.ts).
import { AppError } from '../../errors';
import { toAttachmentDto, type UploadRow } from '../../media/dto';
import type { AttachmentDto } from '../dto';
import { newId } from './ids';
import { NOW, type DbClient } from './sql';

export interface UploadCopy {
  from: string;
  to: string;
}

/**
 * The copies to make of a message's uploads, in the order the message shows
 * them, and their attachment fields. 409 if one is gone (the message was
 * deleted a moment ago); the rows are locked until the transaction ends.
 */
export async function planUploadCopies(
  tx: DbClient,
  messageId: string,
  attachments: AttachmentDto[],
): Promise<{ copies: UploadCopy[]; attachments: AttachmentDto[] }> {
  const ids = attachments.map((a) => a.id);
  const rows = await tx.$queryRaw<UploadRow[]>`
    SELECT id, kind, mime, size, name, width, height, "durationMs", thumbhash, waveform, "thumbnailKey"
    FROM "Upload"
    WHERE id = ANY(${ids}::uuid[]) AND "messageId" = ${messageId}::uuid
      AND "deletedAt" IS NULL AND "purgedAt" IS NULL
    FOR SHARE`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const copies: UploadCopy[] = [];
  const copied: AttachmentDto[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) throw new AppError('CONFLICT', 'This message was deleted.');
    const to = newId();
    copies.push({ from: id, to });
    copied.push(toAttachmentDto({ ...row, id: to }));
  }
  return { copies, attachments: copied };
}

/** Writes the planned copies as `uploaderId`'s uploads to `chatId`, attached to `messageId`. */
export async function insertUploadCopies(
  tx: DbClient,
  copies: UploadCopy[],
  { uploaderId, chatId, messageId }: { uploaderId: string; chatId: string; messageId: string },
): Promise<void> {
  const written = await tx.$executeRaw`
    INSERT INTO "Upload" (id, "uploaderId", "chatId", purpose, "messageId", kind, mime, size, name, width, height,
      "durationMs", thumbhash, waveform, "storageKey", "thumbnailKey", "locationRemoved", "copyOfId", "createdAt")
    SELECT c."to", ${uploaderId}::uuid, ${chatId}::uuid, 'MESSAGE', ${messageId}::uuid, u.kind, u.mime, u.size,
      u.name, u.width, u.height, u."durationMs", u.thumbhash, u.waveform, u."storageKey", u."thumbnailKey",
      u."locationRemoved", u.id, ${NOW}
    FROM unnest(${copies.map((c) => c.from)}::uuid[], ${copies.map((c) => c.to)}::uuid[]) AS c("from", "to")
    JOIN "Upload" u ON u.id = c."from"`;
  if (written !== copies.length) throw new AppError('CONFLICT', 'This message was deleted.');
}
