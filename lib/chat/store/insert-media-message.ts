// A photo, file or voice message. Its own transaction, off the group-commit
// queue (send-queue.ts) that keeps text sends fast, but through the same
// statement (insert-message.ts), so every rule a text send meets holds here
// too: membership, blocks, a closed chat, a mute, the reply target,
// idempotency, and the seq taken under the chat's lock. Then its uploads are
// claimed with one conditional UPDATE; fewer claimed than named rolls the
// whole send back, message and seq included.
import { db } from '../../db';
import { AppError } from '../../errors';
import { ATTACHMENT_RULES, type MediaType } from '../../validations/chat';
import { toAttachmentDto, type UploadRow } from '../../media/dto';
import { insertMessage, type InsertMessageOptions, type InsertOutcome } from './insert-message';
import type { DbClient } from './sql';

export interface InsertMediaMessageOptions extends InsertMessageOptions {
  type: MediaType;
  /** Upload ids, in the order the message shows them. */
  attachmentIds: string[];
}

interface StoredUpload extends UploadRow {
  uploaderId: string | null;
  chatId: string | null;
  purpose: 'MESSAGE' | 'AVATAR';
  messageId: string | null;
  deletedAt: Date | null;
}

/**
 * Same outcomes as insertMessage. A retry with a used clientMessageId finds
 * the first message and leaves the uploads alone; uploads that cannot be
 * attached throw (404, 400 or 409, see `refusal`) and nothing is stored.
 */
export async function insertMediaMessage(options: InsertMediaMessageOptions): Promise<InsertOutcome> {
  const rule = ATTACHMENT_RULES[options.type];
  const ids = options.attachmentIds.map((id) => id.toLowerCase());
  if (ids.length < 1 || ids.length > rule.max)
    throw new AppError('VALIDATION', `attachmentIds: ${rule.needs}`);
  return db().$transaction(async (tx) => {
    const uploads = await readUploads(tx, ids);
    const attachments = ids.flatMap((id) => {
      const upload = uploads.get(id);
      return upload ? [toAttachmentDto(upload)] : [];
    });
    const outcome = await insertMessage(tx, { ...options, attachments });
    if (outcome.kind !== 'created') return outcome;
    const claimed = await tx.$executeRaw`
      UPDATE "Upload" SET "messageId" = ${outcome.row.id}::uuid
      WHERE id = ANY(${ids}::uuid[]) AND "messageId" IS NULL AND "deletedAt" IS NULL
        AND "uploaderId" = ${options.senderId}::uuid AND "chatId" = ${options.chatId}::uuid
        AND purpose = 'MESSAGE' AND kind = ${rule.kind.toUpperCase()}::"UploadKind"`;
    if (claimed < ids.length) throw refusal(options, ids, uploads);
    return outcome;
  });
}

async function readUploads(tx: DbClient, ids: string[]): Promise<Map<string, StoredUpload>> {
  const rows = await tx.$queryRaw<StoredUpload[]>`
    SELECT id, kind, mime, size, name, width, height, "durationMs", thumbhash, waveform, "thumbnailKey",
           "uploaderId", "chatId", purpose, "messageId", "deletedAt"
    FROM "Upload" WHERE id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Why an upload could not be claimed, worst first. Unknown ids, someone
 * else's uploads and another chat's read alike (404), so ids cannot be
 * probed; the wrong kind is the sender's mistake (400); one already attached
 * (or attached a moment ago by a concurrent send) is a conflict (409).
 */
function refusal(
  { senderId, chatId, type }: InsertMediaMessageOptions,
  ids: string[],
  uploads: Map<string, StoredUpload>,
): AppError {
  const rule = ATTACHMENT_RULES[type];
  const mine = (u: StoredUpload | undefined): u is StoredUpload =>
    !!u &&
    u.uploaderId === senderId.toLowerCase() &&
    u.chatId === chatId.toLowerCase() &&
    u.purpose === 'MESSAGE' &&
    u.deletedAt === null;
  const unknown = ids.find((id) => !mine(uploads.get(id)));
  if (unknown !== undefined) {
    return new AppError(
      'NOT_FOUND',
      `attachmentIds: There is no upload ${unknown} of yours in this chat. Upload the file to this chat first.`,
    );
  }
  const wrong = ids.map((id) => uploads.get(id)).find((u) => mine(u) && u.kind.toLowerCase() !== rule.kind);
  if (wrong) {
    return new AppError(
      'VALIDATION',
      `attachmentIds: "${wrong.name}" was uploaded as ${wrong.kind.toLowerCase()}, so send it as type ${wrong.kind}; type ${type} takes ${rule.kind} uploads only.`,
    );
  }
  const taken = ids.map((id) => uploads.get(id)).find((u) => u?.messageId) ?? uploads.get(ids[0] ?? '');
  return new AppError(
    'CONFLICT',
    `attachmentIds: "${taken?.name ?? 'This upload'}" is already attached to a message. Upload it again to send it again.`,
  );
}
