// Who may read an upload's bytes: the one place that decides, for every
// media URL. Anyone else gets the same 404 as for an id that names nothing.
import { db } from '../db';
import { platformRoleOf } from '../users/platform-role';

export interface UploadAccessRow {
  id: string;
  uploaderId: string | null;
  chatId: string | null;
  purpose: 'MESSAGE' | 'AVATAR';
  messageId: string | null;
  deletedAt: Date | null;
  purgedAt: Date | null;
}

/**
 * - A message's upload: the current members of its chat; before a message
 *   takes it, its uploader alone.
 * - A profile photo (an avatar without a chat): anyone signed in. A group's
 *   photo: the group's members.
 * - Deleted (a tombstone), or its chat gone: nobody, except that platform
 *   moderators and admins may read what a report's frozen evidence holds,
 *   for as long as the bytes are kept for it.
 * - Purged (the bytes are gone): nobody.
 */
export async function canReadUpload(userId: string, upload: UploadAccessRow): Promise<boolean> {
  if (upload.purgedAt) return false;
  if (!upload.deletedAt) {
    if (upload.purpose === 'AVATAR' && upload.chatId === null) return true;
    if (upload.purpose === 'MESSAGE' && upload.messageId === null && upload.chatId !== null) {
      if (upload.uploaderId === userId) return isMember(userId, upload.chatId);
    } else if (upload.chatId !== null && (await isMember(userId, upload.chatId))) {
      return true;
    }
  }
  return (await platformRoleOf(userId)) !== 'USER' && (await isReportEvidence(upload.id));
}

async function isMember(userId: string, chatId: string): Promise<boolean> {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT 1 FROM "ChatParticipant"
    WHERE "chatId" = ${chatId}::uuid AND "userId" = ${userId}::uuid AND "leftAt" IS NULL`;
  return rows.length > 0;
}

/** A report's frozen evidence (lib/moderation/evidence.ts) holds a message with this attachment. */
export async function isReportEvidence(uploadId: string): Promise<boolean> {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT 1 FROM "Report" WHERE evidence @> ${evidenceHolding(uploadId)}::jsonb LIMIT 1`;
  return rows.length > 0;
}

/** The jsonb shape `evidence @> …` matches: some message, some attachment, this id. */
export function evidenceHolding(uploadId: string): string {
  return JSON.stringify({ messages: [{ attachments: [{ id: uploadId }] }] });
}
