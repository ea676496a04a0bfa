import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ffmpegPath, processVoice, waveformOf, WAVEFORM_BARS } from './voice';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'voice-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Encodes what ffmpeg's lavfi source `source` makes into `name`, with extra output options. */
async function generate(name: string, source: string, ...options: string[]): Promise<string> {
  const file = path.join(dir, name);
  await run(ffmpegPath, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, ...options, file]);
  return file;
}

/** ffmpeg's description of a file's streams, as a person would check it. */
async function streamsOf(file: string): Promise<string> {
  const result = await run(ffmpegPath, ['-hide_banner', '-i', file]).catch((e: { stderr: string }) => e);
  return result.stderr;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('processVoice', () => {
  it('stores what Chromium records (WebM/Opus) as AAC in MP4 with its real length and a waveform', async () => {
    // 2 s of tone then 1 s of silence, as MediaRecorder writes it: WebM without a duration.
    const input = await generate(
      'chrome.webm',
      'sine=frequency=440:duration=2,apad=whole_len=132300',
      '-c:a',
      'libopus',
      '-f',
      'webm',
    );
    const out = await processVoice(input, dir, { maxSeconds: 300 });

    expect(out.mime).toBe('audio/mp4');
    expect(Math.abs(out.durationMs - 3000)).toBeLessThan(100);
    const streams = await streamsOf(out.path);
    expect(streams).toMatch(/Input #0, mov,mp4,m4a/);
    expect(streams).toMatch(/Audio: aac/);
    expect(streams).not.toMatch(/Video:/);
    // faststart: the index ("moov") comes before the data ("mdat").
    const bytes = await readFile(out.path);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(out.size).toBe(bytes.length);

    expect(out.waveform).toHaveLength(WAVEFORM_BARS);
    expect(Math.max(...out.waveform)).toBe(255);
    // The last third is silence.
    expect(Math.max(...out.waveform.slice(-15))).toBeLessThan(20);
    expect(Math.min(...out.waveform.slice(5, 35))).toBeGreaterThan(200);
  });

  it('accepts Safari’s MP4/AAC and Firefox’s Ogg/Opus recordings', async () => {
    const mp4 = await generate('safari.mp4', 'sine=frequency=300:duration=1', '-c:a', 'aac', '-f', 'mp4');
    const ogg = await generate(
      'firefox.ogg',
      'sine=frequency=300:duration=1',
      '-c:a',
      'libopus',
      '-f',
      'ogg',
    );
    for (const input of [mp4, ogg]) {
      const out = await processVoice(input, dir, { maxSeconds: 300 });
      expect(Math.abs(out.durationMs - 1000)).toBeLessThan(100);
    }
  });

  it('refuses a recording longer than the limit', async () => {
    const input = await generate('long.webm', 'sine=duration=4', '-c:a', 'libopus', '-f', 'webm');
    const error = await refusal(processVoice(input, dir, { maxSeconds: 2 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/at most 2 seconds/);
  });

  it('refuses a video, a text file, silence of no length and damaged audio', async () => {
    const video = await generate('clip.webm', 'testsrc=duration=1:size=64x64:rate=10', '-f', 'webm');
    expect((await refusal(processVoice(video, dir, { maxSeconds: 300 }))).message).toMatch(/video/);

    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'hello, this is not audio\n'.repeat(100));
    expect((await refusal(processVoice(text, dir, { maxSeconds: 300 }))).code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const empty = path.join(dir, 'empty.webm');
    await writeFile(empty, Buffer.alloc(0));
    await refusal(processVoice(empty, dir, { maxSeconds: 300 }));

    const whole = await readFile(
      await generate('whole.ogg', 'sine=duration=2', '-c:a', 'libopus', '-f', 'ogg'),
    );
    const cut = path.join(dir, 'cut.ogg');
    await writeFile(cut, Buffer.concat([whole.subarray(0, 200), Buffer.alloc(4000, 0x5a)]));
    await refusal(processVoice(cut, dir, { maxSeconds: 300 }));
  });
});

describe('waveformOf', () => {
  it('scales bars to the loudest and gives silence zeros', () => {
    const samples = 640;
    const pcm = Buffer.alloc(samples * 2);
    for (let i = 0; i < samples / 2; i++) pcm.writeInt16LE(i % 2 ? 8000 : -8000, i * 2);
    const bars = waveformOf(pcm, samples, 4);
    expect(bars).toEqual([255, 255, 0, 0]);
    expect(waveformOf(Buffer.alloc(20), 10, 4)).toEqual([0, 0, 0, 0]);
  });
});
