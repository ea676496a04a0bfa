// 7. upload-1mb: photos of about 1 MB posted to POST /api/v1/uploads, two at
// a time, into one direct chat: uploads/s, latency, and the server's CPU per
// upload (so "per core" does not depend on what else the machine runs). The
// baseline in the same run is the same number of bytes that are not an
// image, which the server stores as a file without decoding: the difference
// is what decoding, cleaning, the thumbnail and the ThumbHash cost.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { createChat, type BenchUser } from '../lib/api';
import type { Context } from '../lib/context';
import { newHistogram, nowMs, recordMs, summarize } from '../lib/histogram';
import { CpuWindow } from '../lib/proc-stats';
import { ratio, type ScenarioReport, type Side } from '../lib/report';

const CONCURRENCY = 2;

/** A photo-like JPEG of about 1 MB: noise does not compress, so the size holds at any resolution. */
async function photoOfAboutOneMegabyte(): Promise<Buffer> {
  const width = 1400;
  const height = 1000;
  const noise = randomBytes(width * height * 3);
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 70 }).toBuffer();
}

async function upload(base: string, user: BenchUser, chatId: string, bytes: Buffer, name: string): Promise<void> {
  const form = new FormData();
  form.set('chatId', chatId);
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${base}/api/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`upload ${name} → ${res.status} ${text.slice(0, 200)}`);
}

export async function uploads(ctx: Context): Promise<ScenarioReport> {
  const count = ctx.full ? 300 : 60;
  const [a, b] = [ctx.users[0]!, ctx.users[1]!];
  const chatId = await createChat(ctx.ours.url, a, [b]);
  const photo = await photoOfAboutOneMegabyte();
  const opaque = randomBytes(photo.length);

  const side = async (bytes: Buffer, name: string): Promise<Side> => {
    for (let i = 0; i < 4; i++) await upload(ctx.ours.url, a, chatId, bytes, name); // warm-up
    const h = newHistogram();
    const window = new CpuWindow(ctx.ours.pids);
    const started = nowMs();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          next++;
          const t0 = nowMs();
          await upload(ctx.ours.url, a, chatId, bytes, name);
          recordMs(h, nowMs() - t0);
        }
      }),
    );
    const seconds = (nowMs() - started) / 1000;
    const { cpuPct, peakRssKB } = window.stop();
    const latency = summarize(h);
    const cpuMsPerUpload = Math.round(((cpuPct / 100) * seconds * 1000 * 10) / count) / 10;
    return {
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
      maxMs: latency.maxMs,
      uploadsPerSec: Math.round((count / seconds) * 10) / 10,
      cpuPct,
      cpuMsPerUpload,
      uploadsPerCoreSecond: Math.round((1000 / cpuMsPerUpload) * 10) / 10,
      peakRssKB,
    };
  };

  const image = await side(photo, 'photo.jpg');
  const file = await side(opaque, 'data.bin');
  const r = ratio(image, file);
  r.cpuMsPerUpload = Math.round(((image.cpuMsPerUpload as number) / (file.cpuMsPerUpload as number)) * 100) / 100;
  return {
    name: 'upload-1mb',
    scale: `${count} uploads of ${Math.round(photo.length / 1024)} KB, ${CONCURRENCY} at a time, one server process`,
    target: 'uploads/s and p99 for a 1 MB image; CPU per upload gives uploads per core-second',
    ours: image,
    bare: file,
    ratio: r,
    notes: ['"bare" here is the same number of random bytes stored as a file (no decoding): the floor of the upload path'],
  };
}
