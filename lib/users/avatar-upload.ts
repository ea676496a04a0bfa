// Profile and group photos made from uploads (POST /api/v1/uploads with
// purpose avatar). The photo's address is its upload's thumbnail, which is
// what a list of people shows; the upload a photo replaces is marked
// deleted so lib/media stops serving it and removes its bytes.
import { AppError } from '../errors';
import type { DbClient } from '../chat/store/sql';
import { NOW } from '../chat/store/sql';
import { isId } from '../chat/store/ids';

/** Where an avatar is, for an upload id. */
export function avatarUrlOf(uploadId: string): string {
  return `/api/v1/media/${uploadId.toLowerCase()}?variant=thumbnail`;
}

const AVATAR_URL = /^\/api\/v1\/media\/([0-9a-f-]{36})\?variant=thumbnail$/;

/** The upload behind an avatar address we made, or null for a web address or none. */
export function avatarUploadIdOf(url: string | null): string | null {
  return (url && AVATAR_URL.exec(url)?.[1]) ?? null;
}

/** Whose photo: a person's own (no chat), or a group's. */
export interface AvatarOwner {
  userId: string;
  /** The group; null for the person's profile photo. */
  chatId: string | null;
}

/**
 * The caller's image upload for this profile or this group, or 404: an
 * unknown id, someone else's upload, one for another chat or for a message
 * all read alike.
 */
export async function requireAvatarUpload(tx: DbClient, uploadId: string, owner: AvatarOwner): Promise<void> {
  const [found] = isId(uploadId)
    ? await tx.$queryRaw<Array<{ kind: string }>>`
        SELECT kind FROM "Upload"
        WHERE id = ${uploadId}::uuid AND "uploaderId" = ${owner.userId}::uuid AND purpose = 'AVATAR'
          AND "chatId" IS NOT DISTINCT FROM ${owner.chatId}::uuid AND "deletedAt" IS NULL`
    : [];
  if (!found) {
    const where = owner.chatId ? 'for this group' : 'for your profile';
    throw new AppError(
      'NOT_FOUND',
      `avatarUploadId: There is no photo of yours uploaded ${where} with this id. Upload it with purpose avatar first.`,
    );
  }
  if (found.kind !== 'IMAGE') {
    throw new AppError(
      'VALIDATION',
      'avatarUploadId: A photo must be an image (JPEG, PNG, WebP, GIF or AVIF).',
    );
  }
}

/** Marks the upload behind a replaced or removed avatar deleted; a web address is left alone. */
export async function retireAvatar(
  tx: DbClient,
  url: string | null,
  owner: Pick<AvatarOwner, 'chatId'>,
): Promise<void> {
  const uploadId = avatarUploadIdOf(url);
  if (!uploadId) return;
  await tx.$executeRaw`
    UPDATE "Upload" SET "deletedAt" = ${NOW}
    WHERE id = ${uploadId}::uuid AND purpose = 'AVATAR'
      AND "chatId" IS NOT DISTINCT FROM ${owner.chatId}::uuid AND "deletedAt" IS NULL`;
}
