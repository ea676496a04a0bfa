// What an upload becomes and how it is served, decided from the type sniffed
// from its bytes (lib/media/sniff.ts), never from its name or declared type.
import { AppError } from '../errors';

/** Raster images made into photos: decoded, cleaned and thumbnailed (lib/media/image.ts). */
export const PHOTO_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
]);
/** iPhone photos: image.ts converts what it can and refuses the rest with a clear message. */
const HEIF_TYPES: ReadonlySet<string> = new Set([
  'image/heic',
  'image/heif',
  'image/heic-sequence',
  'image/heif-sequence',
]);

export type Processing = 'image' | 'voice' | 'file';

/**
 * `kind=voice` asks for a voice message (the decoder decides whether it is
 * one); a photo or an avatar must be a raster image; anything else (SVG,
 * HTML, archives, executables, …) is a file, kept as it is and served only
 * as a download.
 */
export function chooseProcessing(options: {
  sniffed: string | undefined;
  kind: 'voice' | undefined;
  purpose: 'message' | 'avatar';
}): Processing {
  const { sniffed = '', kind, purpose } = options;
  const photo = PHOTO_TYPES.has(sniffed) || HEIF_TYPES.has(sniffed);
  if (purpose === 'avatar') {
    if (photo) return 'image';
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'A profile or group photo must be a JPEG, PNG, WebP, GIF or AVIF image.',
    );
  }
  if (kind === 'voice') return 'voice';
  return photo ? 'image' : 'file';
}

/** The stored type of a file: what its bytes are, or plain bytes when nothing is recognised. */
export function fileMime(sniffed: string | undefined): string {
  return sniffed ?? 'application/octet-stream';
}

/**
 * Shown in the page rather than downloaded: photos (and thumbnails), audio
 * and PDF. Everything else is a download (Content-Disposition: attachment).
 */
export function isServedInline(mime: string): boolean {
  return PHOTO_TYPES.has(mime) || mime.startsWith('audio/') || mime === 'application/pdf';
}

/**
 * The Content-Type bytes go out with: their own for what a browser shows or
 * plays (video too, for <video>), application/octet-stream for the rest, so
 * no stored byte is ever handed to a browser as a document it might run.
 */
export function servedContentType(mime: string): string {
  return isServedInline(mime) || mime.startsWith('video/') ? mime : 'application/octet-stream';
}
