import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { thumbHashToRGBA } from 'thumbhash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { hasGpsPosition, MAX_IMAGE_PIXELS, processImage } from './image';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'image-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** A 60×40 photo, red on the left, as a phone held sideways writes it: orientation 6, GPS in EXIF. */
function phonePhoto(): Promise<Buffer> {
  const left = Buffer.alloc(30 * 40 * 3, 0);
  for (let i = 0; i < left.length; i += 3) left[i] = 255;
  return sharp({ create: { width: 60, height: 40, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, raw: { width: 30, height: 40, channels: 3 }, left: 0, top: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2982/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4024/100',
      },
    })
    .toBuffer();
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('processImage', () => {
  it('applies the orientation and drops EXIF, GPS included, from the original and the thumbnail', async () => {
    const input = await fixture('phone.jpg', await phonePhoto());
    expect(hasGpsPosition((await sharp(input).metadata()).exif)).toBe(true);

    const out = await processImage(input, dir);

    expect(out).toMatchObject({ mime: 'image/jpeg', width: 40, height: 60, locationRemoved: true });
    for (const file of [out.originalPath, out.thumbnailPath]) {
      const meta = await sharp(file).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      const bytes = await readFile(file);
      expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    }
    // Rotated 90° clockwise: the red half is now on top.
    const { data } = await sharp(out.originalPath)
      .extract({ left: 20, top: 5, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);
    expect((await sharp(out.thumbnailPath).metadata()).format).toBe('webp');
    expect(out.originalSize).toBe((await readFile(out.originalPath)).length);
  });

  it('says nothing about location for a photo without GPS', async () => {
    const plain = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const out = await processImage(await fixture('plain.png', plain), dir);
    expect(out).toMatchObject({ mime: 'image/png', width: 20, height: 20, locationRemoved: false });
  });

  it('makes a ThumbHash that decodes to the picture’s aspect ratio', async () => {
    const wide = await sharp({ create: { width: 400, height: 100, channels: 3, background: '#3366cc' } })
      .webp()
      .toBuffer();
    const out = await processImage(await fixture('wide.webp', wide), dir);
    const decoded = thumbHashToRGBA(Buffer.from(out.thumbhash, 'base64'));
    expect(decoded.w / decoded.h).toBeCloseTo(4, 0);
    expect(out.thumbhash.length).toBeLessThan(60);
  });

  it('scales the served original down to 4096 px and the thumbnail to 512 px', async () => {
    const big = await sharp({ create: { width: 5000, height: 2500, channels: 3, background: '#222' } })
      .jpeg()
      .toBuffer();
    const out = await processImage(await fixture('big.jpg', big), dir);
    expect([out.width, out.height]).toEqual([4096, 2048]);
    const thumb = await sharp(out.thumbnailPath).metadata();
    expect([thumb.width, thumb.height]).toEqual([512, 256]);
  });

  it('keeps an animated GIF animated, with the size of one frame', async () => {
    const frames = 3;
    const raw = Buffer.alloc(10 * 10 * frames * 4, 255);
    const gif = await sharp(raw, { raw: { width: 10, height: 10 * frames, channels: 4 } })
      .gif()
      .toBuffer();
    const animated = await sharp(gif, { animated: true }).gif({ loop: 0 }).toBuffer();
    const input = await fixture('anim.gif', animated);
    const declared = await sharp(input).metadata();
    const out = await processImage(input, dir);
    expect(out.mime).toBe('image/gif');
    expect(out.width).toBe(declared.width);
  });

  it('refuses a decompression bomb by its declared size, before decoding it', async () => {
    // A PNG whose header declares 20,000 × 20,000 (1.2 GB decoded); its
    // compressed data would be a few hundred kilobytes, and is never read.
    const bomb = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const ihdr = bomb.indexOf('IHDR');
    bomb.writeUInt32BE(20_000, ihdr + 4);
    bomb.writeUInt32BE(20_000, ihdr + 8);
    bomb.writeUInt32BE(crc32(bomb.subarray(ihdr, ihdr + 17)), ihdr + 17);
    expect(20_000 * 20_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    const error = await refusal(processImage(await fixture('bomb.png', bomb), dir));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/megapixels/);
  });

  it('refuses a truncated JPEG, a PNG header followed by HTML, and an empty file', async () => {
    const whole = await phonePhoto();
    const cases = [
      whole.subarray(0, Math.floor(whole.length / 2)),
      Buffer.concat([
        Buffer.from('89504e470d0a1a0a', 'hex'),
        Buffer.from('<html><script>alert(1)</script></html>'),
      ]),
      Buffer.alloc(0),
    ];
    for (const [i, bytes] of cases.entries()) {
      const error = await refusal(processImage(await fixture(`bad-${i}`, bytes), dir));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/could not be read/);
    }
  });

  it('refuses HEIC with a message that says what to do', async () => {
    const heic = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .heif({ compression: 'av1' })
      .toBuffer();
    // An AVIF (AV1 in HEIF) is fine; the HEVC kind (HEIC) cannot be decoded here.
    const out = await processImage(await fixture('ok.avif', heic), dir);
    expect(out.mime).toBe('image/webp');
    // The same file branded "heic" reads as HEVC-coded, which this sharp
    // build cannot decode (no HEVC decoder in its libvips): refused up front.
    const fakeHeic = Buffer.from(heic);
    const brand = fakeHeic.indexOf(Buffer.from('avif'));
    fakeHeic.write('heic', brand, 'latin1');
    const error = await refusal(processImage(await fixture('photo.heic', fakeHeic), dir));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/HEIC.*JPEG/);
  });
});

describe('hasGpsPosition', () => {
  it('is false for missing, short and malformed EXIF', () => {
    expect(hasGpsPosition(undefined)).toBe(false);
    expect(hasGpsPosition(Buffer.from('Exif\0\0'))).toBe(false);
    expect(hasGpsPosition(Buffer.from('Exif\0\0XX\0*\0\0\0\0\0\0\0\0'))).toBe(false);
    expect(hasGpsPosition(Buffer.from('Exif\0\0II*\0\xff\xff\xff\x7f\0\0', 'latin1'))).toBe(false);
  });
});
