// Chromium's fake microphone for the voice journeys: a WAV made when the run
// starts (nothing binary is committed).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A mono 16-bit PCM WAV of beeps that change pitch, for Chromium's fake
 * microphone (--use-file-for-fake-audio-capture, which loops it). A steady
 * tone could be taken for noise by the noise suppressor; changing beeps are not.
 */
export function toneWav(seconds = 3, rate = 48_000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const beep = Math.floor(t / 0.25);
    const on = t % 0.25 < 0.18;
    const freq = [440, 660, 550, 880][beep % 4] ?? 440;
    const value = on ? Math.sin(2 * Math.PI * freq * t) * 0.6 : 0;
    data.writeInt16LE(Math.round(value * 32_767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Writes the fake microphone's WAV once; Chromium reads it when it starts. */
export function ensureToneWav(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, toneWav());
  }
  return file;
}
