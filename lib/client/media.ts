// Pure helpers for photos, files and voice messages in the web app.
import type { AttachmentDto, AttachmentKind, MessageDto } from '../chat/dto';

/** Photos in one message, as the server allows. */
export const PHOTOS_PER_MESSAGE = 10;

/** Raster types the server turns into photos (HEIC from iPhones is converted there). */
const PHOTO_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/heif',
]);

/**
 * What a picked file will most likely become. The server decides from the
 * bytes; this only chooses how the tray shows it until the upload answers.
 */
export function guessKind(file: { type: string }): 'image' | 'file' {
  return PHOTO_TYPES.has(file.type.toLowerCase()) ? 'image' : 'file';
}

/** A message's attachments; none for text, system and deleted messages. */
export function attachmentsOf(m: Pick<MessageDto, 'attachments'>): AttachmentDto[] {
  return m.attachments ?? [];
}

/** "0:07", "1:05", "1:02:03"; anything not a finite, non-negative number reads 0:00. */
export function formatDuration(ms: number | null | undefined): string {
  const total = typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "512 B", "1.2 KB", "25 MB", in powers of 1,024 as the server's limits are set (25 MB is 25 × 1,024²). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** A short name for a file's type: the extension, else the mime's subtype. */
export function fileTypeLabel(name: string, mime: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = mime.split('/')[1]?.split(/[;+]/)[0];
  return sub ? sub.toUpperCase() : 'File';
}

/** The containers MediaRecorder may write, best first: MP4 plays everywhere, Opus in WebM or Ogg is converted by the server. */
export const RECORDER_TYPES = ['audio/mp4', 'audio/webm;codecs=opus', 'audio/ogg;codecs=opus'] as const;

/** The first recording type this browser supports, or null (then the browser's default is used). */
export function pickRecorderType(isTypeSupported: (type: string) => boolean): string | null {
  return RECORDER_TYPES.find((t) => isTypeSupported(t)) ?? null;
}

/** A name for a recording, with the extension of its container, so the upload reads as what it is. */
export function recordingName(mime: string): string {
  const base = mime.split(';')[0]?.trim().toLowerCase();
  if (base === 'audio/mp4') return 'voice.m4a';
  if (base === 'audio/ogg') return 'voice.ogg';
  return 'voice.webm';
}

export interface MediaPlan {
  type: 'IMAGE' | 'FILE';
  itemIds: string[];
}

/**
 * How picked items are sent: photos together, up to ten a message, in the
 * order picked; every other file as a message of its own. The caption and
 * the reply go with the first message.
 */
export function planMediaMessages(items: { id: string; kind: 'image' | 'file' | 'voice' }[]): MediaPlan[] {
  const photos = items.filter((i) => i.kind === 'image').map((i) => i.id);
  const plans: MediaPlan[] = [];
  for (let i = 0; i < photos.length; i += PHOTOS_PER_MESSAGE) {
    plans.push({ type: 'IMAGE', itemIds: photos.slice(i, i + PHOTOS_PER_MESSAGE) });
  }
  for (const item of items) if (item.kind === 'file') plans.push({ type: 'FILE', itemIds: [item.id] });
  return plans;
}

/** Base64 (standard or URL-safe) to bytes, for ThumbHash; null when it is not base64. */
export function base64Bytes(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * The box a photo is shown in: its own aspect ratio inside `max`, but never
 * thinner than 1:3 either way (a panorama is cropped rather than shown as a line).
 */
export function photoBox(
  width: number | undefined,
  height: number | undefined,
  max: number,
): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: max, height: Math.round(max * 0.75) };
  const ratio = Math.min(3, Math.max(1 / 3, width / height));
  return ratio >= 1
    ? { width: max, height: Math.round(max / ratio) }
    : { width: Math.round(max * ratio), height: max };
}

type MediaType = 'IMAGE' | 'FILE' | 'VOICE';
const TYPE_OF: Record<AttachmentKind, MediaType> = { image: 'IMAGE', file: 'FILE', voice: 'VOICE' };

/**
 * The messages a planned send becomes once the uploads have answered. The
 * planned message keeps what the server agreed with (and the caption and
 * reply); an upload it made something else of (a ".png" that is not a
 * picture comes back as a file) goes as a message of its own kind, files
 * one to a message.
 */
export function splitByKind(
  planned: MediaType,
  answers: { id: string; kind: AttachmentKind }[],
): { type: MediaType; ids: string[] }[] {
  const groups = new Map<MediaType, string[]>();
  for (const a of answers) groups.set(TYPE_OF[a.kind], [...(groups.get(TYPE_OF[a.kind]) ?? []), a.id]);
  const first = groups.get(planned) ?? [];
  const parts = first.length > 0 ? [{ type: planned, ids: first }] : [];
  for (const [type, ids] of groups) {
    if (type === planned) continue;
    if (type === 'IMAGE') parts.push({ type, ids });
    else for (const id of ids) parts.push({ type, ids: [id] });
  }
  return parts;
}
