import { describe, expect, it } from 'vitest';
import {
  base64Bytes,
  fileTypeLabel,
  formatBytes,
  formatDuration,
  guessKind,
  photoBox,
  pickRecorderType,
  planMediaMessages,
  recordingName,
  splitByKind,
} from './media';

describe('formatDuration', () => {
  it('shows minutes and seconds, never Infinity or NaN', () => {
    expect(formatDuration(12_000)).toBe('0:12');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(Infinity)).toBe('0:00');
    expect(formatDuration(NaN)).toBe('0:00');
    expect(formatDuration(undefined)).toBe('0:00');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('formatBytes', () => {
  it('uses bytes below a kilobyte and one decimal below ten', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1234)).toBe('1.2 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(3.4 * 1024 ** 3)).toBe('3.4 GB');
  });
});

describe('fileTypeLabel', () => {
  it('prefers the extension, then the subtype', () => {
    expect(fileTypeLabel('report.final.pdf', 'application/pdf')).toBe('PDF');
    expect(fileTypeLabel('README', 'text/plain; charset=utf-8')).toBe('PLAIN');
    expect(fileTypeLabel('noext', '')).toBe('File');
  });
});

describe('guessKind', () => {
  it('treats raster photos as photos and anything else as a file', () => {
    expect(guessKind({ type: 'image/jpeg' })).toBe('image');
    expect(guessKind({ type: 'image/HEIC' })).toBe('image');
    expect(guessKind({ type: 'image/svg+xml' })).toBe('file');
    expect(guessKind({ type: '' })).toBe('file');
  });
});

describe('pickRecorderType', () => {
  it('takes the first supported type in the order MP4, WebM, Ogg', () => {
    expect(pickRecorderType(() => true)).toBe('audio/mp4');
    expect(pickRecorderType((t) => t.includes('ogg'))).toBe('audio/ogg;codecs=opus');
    expect(pickRecorderType(() => false)).toBeNull();
  });
  it('names recordings by their container', () => {
    expect(recordingName('audio/mp4;codecs=mp4a.40.2')).toBe('voice.m4a');
    expect(recordingName('audio/webm;codecs=opus')).toBe('voice.webm');
    expect(recordingName('audio/ogg;codecs=opus')).toBe('voice.ogg');
  });
});

describe('planMediaMessages', () => {
  it('sends photos ten to a message and each file on its own', () => {
    const items = [
      ...Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, kind: 'image' as const })),
      { id: 'f1', kind: 'file' as const },
      { id: 'f2', kind: 'file' as const },
    ];
    const plans = planMediaMessages(items);
    expect(plans.map((p) => [p.type, p.itemIds.length])).toEqual([
      ['IMAGE', 10],
      ['IMAGE', 2],
      ['FILE', 1],
      ['FILE', 1],
    ]);
    expect(plans[3]?.itemIds).toEqual(['f2']);
  });
  it('plans nothing for nothing', () => {
    expect(planMediaMessages([])).toEqual([]);
  });
});

describe('base64Bytes', () => {
  it('decodes standard and URL-safe base64, and refuses junk', () => {
    expect([...(base64Bytes('AQID') ?? [])]).toEqual([1, 2, 3]);
    expect([...(base64Bytes('-_8=') ?? [])]).toEqual([251, 255]);
    expect(base64Bytes('***')).toBeNull();
  });
});

describe('photoBox', () => {
  it('keeps the aspect ratio within bounds', () => {
    expect(photoBox(4000, 3000, 320)).toEqual({ width: 320, height: 240 });
    expect(photoBox(1000, 2000, 320)).toEqual({ width: 160, height: 320 });
    expect(photoBox(10_000, 100, 300)).toEqual({ width: 300, height: 100 });
    expect(photoBox(undefined, undefined, 320)).toEqual({ width: 320, height: 240 });
  });
});

describe('splitByKind', () => {
  it('keeps a planned message whole when the server agrees', () => {
    expect(
      splitByKind('IMAGE', [
        { id: 'a', kind: 'image' },
        { id: 'b', kind: 'image' },
      ]),
    ).toEqual([{ type: 'IMAGE', ids: ['a', 'b'] }]);
  });
  it('sends what the server made a file of on its own, after the planned message', () => {
    expect(
      splitByKind('IMAGE', [
        { id: 'a', kind: 'image' },
        { id: 'b', kind: 'file' },
        { id: 'c', kind: 'file' },
      ]),
    ).toEqual([
      { type: 'IMAGE', ids: ['a'] },
      { type: 'FILE', ids: ['b'] },
      { type: 'FILE', ids: ['c'] },
    ]);
  });
  it('turns a planned message the server disagreed with entirely into its own kind', () => {
    expect(splitByKind('IMAGE', [{ id: 'a', kind: 'file' }])).toEqual([{ type: 'FILE', ids: ['a'] }]);
    expect(splitByKind('FILE', [{ id: 'a', kind: 'image' }])).toEqual([{ type: 'IMAGE', ids: ['a'] }]);
  });
});
