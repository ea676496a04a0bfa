// Draws the app icon (a white speech bubble on blue) as PNGs at the sizes
// the web app manifest needs, with no image tooling: raw pixels + zlib.
// Run: node scripts/make-icons.mjs (writes public/icons/*.png).
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** `maskable`: full-bleed background, bubble inside the 80% safe zone. */
function icon(size, maskable) {
  const rows = [];
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const dx = (x + 0.5 - r) / r;
      const dy = (y + 0.5 - r) / r;
      const inTile = maskable || Math.hypot(Math.max(Math.abs(dx) - 0.6, 0), Math.max(Math.abs(dy) - 0.6, 0)) < 0.4;
      const s = maskable ? 0.75 : 1;
      // Bubble: an ellipse plus a tail at the lower left.
      const bx = dx / (0.55 * s);
      const by = (dy + 0.05) / (0.42 * s);
      const tail = dy > 0.2 * s && dy < 0.62 * s && dx > -0.45 * s && dx < -0.1 * s && dx + 0.45 * s < (0.62 * s - dy) * 0.9;
      const bubble = bx * bx + by * by <= 1 || tail;
      const color = bubble ? WHITE : BLUE;
      const o = 1 + x * 4;
      row[o] = color[0];
      row[o + 1] = color[1];
      row[o + 2] = color[2];
      row[o + 3] = inTile ? 255 : 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(`public/icons/icon-${size}.png`, icon(size, false));
  writeFileSync(`public/icons/maskable-${size}.png`, icon(size, true));
}
writeFileSync('public/icons/apple-touch-icon.png', icon(180, true));
console.log('wrote public/icons');
