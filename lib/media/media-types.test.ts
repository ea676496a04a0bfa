import { describe, expect, it } from 'vitest';
import { chooseProcessing, isServedInline, servedContentType } from './media-types';

describe('chooseProcessing', () => {
  it('makes raster images photos and everything else a file', () => {
    for (const sniffed of [
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/gif',
      'image/avif',
      'image/heic',
    ]) {
      expect(chooseProcessing({ sniffed, kind: undefined, purpose: 'message' })).toBe('image');
    }
    for (const sniffed of [
      undefined,
      'application/pdf',
      'application/x-elf',
      'image/tiff',
      'application/zip',
      'audio/mpeg',
    ]) {
      expect(chooseProcessing({ sniffed, kind: undefined, purpose: 'message' })).toBe('file');
    }
  });

  it('sends kind=voice to the voice decoder whatever the bytes', () => {
    expect(chooseProcessing({ sniffed: 'video/webm', kind: 'voice', purpose: 'message' })).toBe('voice');
    expect(chooseProcessing({ sniffed: undefined, kind: 'voice', purpose: 'message' })).toBe('voice');
  });

  it('refuses an avatar that is not a raster image', () => {
    expect(chooseProcessing({ sniffed: 'image/png', kind: undefined, purpose: 'avatar' })).toBe('image');
    expect(() => chooseProcessing({ sniffed: undefined, kind: undefined, purpose: 'avatar' })).toThrow(
      /JPEG, PNG/,
    );
    expect(() =>
      chooseProcessing({ sniffed: 'application/pdf', kind: undefined, purpose: 'avatar' }),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
  });
});

describe('how bytes are served', () => {
  it('shows photos, audio and PDF; downloads the rest as plain bytes', () => {
    expect(isServedInline('image/jpeg')).toBe(true);
    expect(isServedInline('audio/mp4')).toBe(true);
    expect(isServedInline('application/pdf')).toBe(true);
    expect(isServedInline('image/svg+xml')).toBe(false);
    expect(isServedInline('video/mp4')).toBe(false);
    expect(servedContentType('video/mp4')).toBe('video/mp4');
    for (const dangerous of [
      'text/html',
      'image/svg+xml',
      'application/xml',
      'application/x-msdownload',
      'application/x-elf',
    ]) {
      expect(servedContentType(dangerous)).toBe('application/octet-stream');
    }
  });
});
