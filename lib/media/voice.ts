// Turns a recorded voice message into one that plays everywhere. Browsers
// record WebM/Opus (Chromium, Firefox) or MP4/AAC (Safari); Safari cannot
// play the first, and WebM from MediaRecorder carries no duration. So the
// server decodes every recording (which proves it is audio), measures its
// real length from the decoded samples, draws its waveform, and stores AAC
// in an MP4 container with the index up front (faststart), which Chromium,
// Firefox and Safari all play and seek. ffmpeg is the binary that
// @ffmpeg-installer/ffmpeg ships inside its npm package.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { stat, rm } from 'node:fs/promises';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { AppError } from '../errors';
import { withProcessingSlot } from './slots';

export interface ProcessedVoice {
  mime: 'audio/mp4';
  durationMs: number;
  /** WAVEFORM_BARS loudness values, 0–255, scaled so the loudest bar is 255. */
  waveform: number[];
  path: string;
  size: number;
}

export const WAVEFORM_BARS = 64;
/** Decoded for measuring only: mono 8 kHz is plenty for a waveform and a length. */
const MEASURE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
/** A stuck decode is killed after this long. */
const FFMPEG_TIMEOUT_MS = 120_000;

export const ffmpegPath: string = ffmpegInstaller.path;

/** Writes the playable version into `outDir` (which must exist). */
export function processVoice(
  inputPath: string,
  outDir: string,
  options: { maxSeconds: number },
): Promise<ProcessedVoice> {
  return withProcessingSlot(() => processNow(inputPath, outDir, options.maxSeconds));
}

async function processNow(inputPath: string, outDir: string, maxSeconds: number): Promise<ProcessedVoice> {
  await assertAudioOnly(inputPath);
  const outPath = path.join(outDir, `${randomUUID()}.m4a`);
  const maxBytes = (maxSeconds + 1) * MEASURE_RATE * BYTES_PER_SAMPLE;
  let pcm: Buffer;
  try {
    pcm = await decodeAndTranscode(inputPath, outPath, maxBytes);
  } catch (error) {
    await rm(outPath, { force: true });
    throw error;
  }
  const samples = Math.floor(pcm.length / BYTES_PER_SAMPLE);
  const durationMs = Math.round((samples / MEASURE_RATE) * 1000);
  if (durationMs < 100) {
    await rm(outPath, { force: true });
    throw new AppError('VALIDATION', 'The recording is empty.');
  }
  if (durationMs > maxSeconds * 1000) {
    await rm(outPath, { force: true });
    throw tooLong(maxSeconds);
  }
  return {
    mime: 'audio/mp4',
    durationMs,
    waveform: waveformOf(pcm, samples),
    path: outPath,
    size: (await stat(outPath)).size,
  };
}

/**
 * Reads the container's stream list (ffmpeg prints it when given no output)
 * and refuses what is not a single sound recording: no audio at all, a
 * video, or something ffmpeg cannot open.
 */
async function assertAudioOnly(inputPath: string): Promise<void> {
  const { stderr } = await runFfmpeg(['-hide_banner', '-nostdin', '-i', inputPath]);
  const streams = stderr.split('\n').filter((line) => /^\s*Stream #\d+:\d+/.test(line));
  const audio = streams.filter((line) => /: Audio: /.test(line));
  // A cover picture in an audio file is a still "video" stream: allowed.
  const video = streams.filter((line) => /: Video: /.test(line) && !/\(attached pic\)/.test(line));
  if (video.length > 0) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This is a video, not a voice message. Send it as a file.');
  }
  if (audio.length === 0) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This is not a sound recording we can play.');
  }
}

/**
 * One ffmpeg run, two outputs: raw PCM on stdout for measuring, and the
 * AAC/M4A file. Stops as soon as the recording passes the length limit.
 */
async function decodeAndTranscode(inputPath: string, outPath: string, maxBytes: number): Promise<Buffer> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-i',
    inputPath,
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    String(MEASURE_RATE),
    '-f',
    's16le',
    'pipe:1',
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-movflags',
    '+faststart',
    '-map_metadata',
    '-1',
    '-f',
    'mp4',
    outPath,
  ];
  const { code, stdout, overflowed } = await runFfmpeg(args, maxBytes);
  if (overflowed) throw tooLong(Math.floor(maxBytes / (MEASURE_RATE * BYTES_PER_SAMPLE)) - 1);
  if (code !== 0) {
    throw new AppError('VALIDATION', 'The recording could not be decoded: it is damaged or cut off.');
  }
  return stdout;
}

function tooLong(maxSeconds: number): AppError {
  const limit = maxSeconds % 60 === 0 ? `${maxSeconds / 60} minutes` : `${maxSeconds} seconds`;
  return new AppError('PAYLOAD_TOO_LARGE', `Voice messages can be at most ${limit} long.`);
}

/** Loudness per bar: the root mean square of its samples, scaled to the loudest bar. */
export function waveformOf(pcm: Buffer, samples: number, bars = WAVEFORM_BARS): number[] {
  const rms: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const from = Math.floor((bar * samples) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * samples) / bars));
    let sum = 0;
    let n = 0;
    for (let i = from; i < to && i < samples; i++) {
      const value = pcm.readInt16LE(i * BYTES_PER_SAMPLE) / 32768;
      sum += value * value;
      n++;
    }
    rms.push(n ? Math.sqrt(sum / n) : 0);
  }
  const loudest = Math.max(...rms);
  return rms.map((value) => (loudest > 0 ? Math.round((value / loudest) * 255) : 0));
}

interface FfmpegResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  overflowed: boolean;
}

function runFfmpeg(args: string[], maxStdout = 0): Promise<FfmpegResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let overflowed = false;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), FFMPEG_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      if (overflowed) return;
      stdoutBytes += chunk.length;
      if (maxStdout && stdoutBytes > maxStdout) {
        overflowed = true;
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      // The stream list comes first; what follows can be long.
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(chunks), stderr, overflowed });
    });
  });
}
