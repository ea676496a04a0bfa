// Upload rows to the public attachment fields (lib/chat/dto AttachmentDto).
import type { AttachmentDto, AttachmentKind } from '../chat/dto';

/** The columns the DTO is made from (Prisma rows and raw SQL rows share them). */
export interface UploadRow {
  id: string;
  kind: 'IMAGE' | 'FILE' | 'VOICE';
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbhash: string | null;
  waveform: unknown;
  thumbnailKey: string | null;
  /** A voice message's first play by someone else (lib/chat/mark-voice-played.ts). */
  playedAt?: Date | null;
}

/** What POST /api/v1/uploads answers: the attachment, and whether a GPS position was taken out. */
export type UploadDto = AttachmentDto & { locationRemoved: boolean };

/** toUploadDto's row: an upload's answer also says whether a GPS position was removed. */
export type NewUploadRow = UploadRow & { locationRemoved: boolean };

export const mediaUrl = (id: string) => `/api/v1/media/${id}`;

export function toAttachmentDto(row: UploadRow): AttachmentDto {
  return {
    id: row.id,
    kind: row.kind.toLowerCase() as AttachmentKind,
    mime: row.mime,
    size: row.size,
    name: row.name,
    ...(row.width !== null && { width: row.width }),
    ...(row.height !== null && { height: row.height }),
    ...(row.durationMs !== null && { durationMs: row.durationMs }),
    ...(row.thumbhash !== null && { thumbhash: row.thumbhash }),
    ...(Array.isArray(row.waveform) && { waveform: row.waveform as number[] }),
    url: mediaUrl(row.id),
    ...(row.thumbnailKey !== null && { thumbnailUrl: `${mediaUrl(row.id)}?variant=thumbnail` }),
    ...(row.playedAt && { playedAt: row.playedAt.toISOString() }),
  };
}

export function toUploadDto(row: NewUploadRow): UploadDto {
  return { ...toAttachmentDto(row), locationRemoved: row.locationRemoved };
}
