// Turns an uploaded image into what is served: the original made safe
// (orientation applied, every metadata block dropped, so no GPS position or
// camera serial leaves the server), a WebP thumbnail and a ThumbHash
// placeholder. The caller has sniffed the bytes as a raster image; this
// decodes them for real and refuses what does not decode.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { AppError } from '../errors';
import { withProcessingSlot } from './slots';

export interface ProcessedImage {
  mime: string;
  /** After orientation: what a viewer shows. */
  width: number;
  height: number;
  /** Base64 ThumbHash: a blurred placeholder of about 30 bytes. */
  thumbhash: string;
  /** The upload carried a GPS position, which is not in anything served. */
  locationRemoved: boolean;
  originalPath: string;
  originalSize: number;
  thumbnailPath: string;
  thumbnailSize: number;
}

/**
 * A decompression bomb is a few kilobytes that decode to gigabytes: refuse by
 * the declared pixel count before decoding (all frames of an animation).
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Longest side of the served original; phones' 48 MP photos are scaled down. */
export const MAX_IMAGE_SIDE = 4096;
const THUMBNAIL_SIDE = 512;
/** ThumbHash encodes at most 100×100. */
const THUMBHASH_SIDE = 100;

const OUTPUTS: Record<string, { mime: string; ext: string; encode: (image: Sharp) => Sharp }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg', encode: (i) => i.jpeg({ quality: 88, mozjpeg: true }) },
  png: { mime: 'image/png', ext: 'png', encode: (i) => i.png({ compressionLevel: 8 }) },
  webp: { mime: 'image/webp', ext: 'webp', encode: (i) => i.webp({ quality: 88 }) },
  gif: { mime: 'image/gif', ext: 'gif', encode: (i) => i.gif() },
};

/** Writes the cleaned original and the thumbnail into `outDir` (which must exist). */
export function processImage(inputPath: string, outDir: string): Promise<ProcessedImage> {
  return withProcessingSlot(() => processNow(inputPath, outDir));
}

async function processNow(inputPath: string, outDir: string): Promise<ProcessedImage> {
  const meta = await readMetadata(inputPath);
  const format = meta.format as string;
  if (format === 'heif' && meta.compression !== 'av1') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'HEIC photos cannot be shown here. Send it as JPEG: choosing the photo from the photo library converts it, ' +
        'or set Settings → Camera → Formats → Most Compatible on the iPhone.',
    );
  }
  const output = format === 'heif' ? OUTPUTS.webp : OUTPUTS[format];
  if (!output) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Photos can be JPEG, PNG, WebP, GIF or AVIF.');
  }
  const frames = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const width = meta.width ?? 0;
  if (!width || !frameHeight) throw unreadable();
  if (width * frameHeight * frames > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'VALIDATION',
      `The image is too large to show: at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`,
    );
  }

  const animated = frames > 1 && (format === 'gif' || format === 'webp');
  const open = (all: boolean) =>
    sharp(inputPath, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: all })
      // EXIF orientation applied to the pixels, so the tag can go with the rest.
      .autoOrient();
  const stem = path.join(outDir, randomUUID());
  const originalPath = `${stem}.${output.ext}`;
  const thumbnailPath = `${stem}.thumb.webp`;
  try {
    // Without withMetadata(), sharp writes no EXIF, XMP or IPTC: GPS is gone.
    const original = await output
      .encode(
        open(animated).resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true }),
      )
      .toFile(originalPath);
    await open(false)
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 })
      .toFile(thumbnailPath);
    const small = await open(false)
      .resize(THUMBHASH_SIDE, THUMBHASH_SIDE, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const hash = rgbaToThumbHash(small.info.width, small.info.height, small.data);
    return {
      mime: output.mime,
      width: original.width,
      height: animated ? (original.pageHeight ?? original.height) : original.height,
      thumbhash: Buffer.from(hash).toString('base64'),
      locationRemoved: hasGpsPosition(meta.exif),
      originalPath,
      originalSize: original.size,
      thumbnailPath,
      thumbnailSize: (await stat(thumbnailPath)).size,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // libvips refuses truncated or corrupt data part-way through decoding.
    throw unreadable();
  }
}

async function readMetadata(inputPath: string): Promise<Metadata> {
  try {
    return await sharp(inputPath, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
}

function unreadable(): AppError {
  return new AppError('VALIDATION', 'The image could not be read: it is damaged, cut off or not an image.');
}

const GPS_IFD_POINTER = 0x8825;

/**
 * Whether an EXIF block (as sharp returns it: "Exif\0\0" and a TIFF
 * structure) points at a GPS directory with at least one entry.
 */
export function hasGpsPosition(exif: Buffer | undefined): boolean {
  if (!exif || exif.length < 14) return false;
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return false;
  const little = order === 'II';
  const u16 = (at: number) =>
    at + 2 <= tiff.length ? (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : -1;
  const u32 = (at: number) =>
    at + 4 <= tiff.length ? (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : -1;
  const ifd0 = u32(4);
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) !== GPS_IFD_POINTER) continue;
    const gpsIfd = u32(entry + 8);
    return gpsIfd > 0 && u16(gpsIfd) > 0;
  }
  return false;
}
