// Media for the journeys, made when they run: nothing binary is committed.
import sharp from 'sharp';

/** A photo: two colour blocks, so a thumbnail and its placeholder are not flat. */
export async function photo(
  options: { width?: number; height?: number; format?: 'jpeg' | 'png'; gps?: boolean } = {},
) {
  const width = options.width ?? 1200;
  const height = options.height ?? 800;
  const half = await sharp({
    create: { width: Math.round(width / 2), height, channels: 3, background: { r: 30, g: 90, b: 200 } },
  })
    .png()
    .toBuffer();
  let image = sharp({
    create: { width, height, channels: 3, background: { r: 230, g: 150, b: 40 } },
  }).composite([{ input: half, left: 0, top: 0 }]);
  if (options.format === 'png') return image.png().toBuffer();
  image = image.jpeg({ quality: 85 });
  // Where the photo was taken, as a phone writes it: the server must take it out.
  if (options.gps) {
    image = image.withExif({
      IFD0: { Make: 'Journey camera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2658/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3986/100',
      },
    });
  }
  return image.toBuffer();
}

/** A photo cut off half way, as a dropped connection leaves it: sniffed as a JPEG, refused as unreadable. */
export async function cutOffPhoto(): Promise<Buffer> {
  const whole = await photo();
  return whole.subarray(0, Math.floor(whole.length / 2));
}
