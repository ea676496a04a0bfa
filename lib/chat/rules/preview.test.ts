import { describe, expect, it } from 'vitest';
import { formatDuration, messagePreview, reactionPreview, type PreviewedMessage } from './preview';

const message = (m: Partial<PreviewedMessage>): PreviewedMessage => ({
  type: 'TEXT',
  content: '',
  attachments: null,
  deletedAt: null,
  ...m,
});
const photo = { name: 'IMG_0001.jpg' };

describe('message previews', () => {
  it('shows text as one line', () => {
    expect(messagePreview(message({ content: '  hello\n\tthere  ' }))).toBe('hello there');
  });

  it('names photos by count, and lets a caption speak instead', () => {
    expect(messagePreview(message({ type: 'IMAGE', attachments: [photo] }))).toBe('📷 Photo');
    expect(messagePreview(message({ type: 'IMAGE', attachments: [photo, photo, photo] }))).toBe(
      '📷 3 photos',
    );
    expect(
      messagePreview(message({ type: 'IMAGE', content: 'At the\nbeach', attachments: [photo, photo] })),
    ).toBe('📷 At the beach');
    expect(messagePreview(message({ type: 'IMAGE', content: '   ', attachments: [photo] }))).toBe('📷 Photo');
  });

  it('names a file by its name or its caption', () => {
    expect(messagePreview(message({ type: 'FILE', attachments: [{ name: 'report.pdf' }] }))).toBe(
      '📄 report.pdf',
    );
    expect(
      messagePreview(message({ type: 'FILE', content: 'the contract', attachments: [{ name: 'c.pdf' }] })),
    ).toBe('📄 the contract');
  });

  it('gives a voice message its length', () => {
    const voice = (durationMs?: number) =>
      messagePreview(message({ type: 'VOICE', attachments: [{ name: 'voice.m4a', durationMs }] }));
    expect(voice(12_400)).toBe('🎤 Voice message (0:12)');
    expect(voice(65_000)).toBe('🎤 Voice message (1:05)');
    expect(voice(undefined)).toBe('🎤 Voice message');
  });

  it('says a deleted message is deleted, whatever it was', () => {
    expect(messagePreview(message({ type: 'IMAGE', deletedAt: '2026-01-01T00:00:00.000Z' }))).toBe(
      'Message deleted',
    );
  });

  it('cuts to maxLength without splitting an emoji', () => {
    expect(messagePreview(message({ content: 'abcdefgh' }), { maxLength: 5 })).toBe('abcd…');
    expect(messagePreview(message({ type: 'IMAGE', attachments: [photo] }), { maxLength: 3 })).toBe('📷 …');
    expect(messagePreview(message({ content: 'short' }), { maxLength: 5 })).toBe('short');
  });

  it('formats durations as players do', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_000)).toBe('0:07');
    expect(formatDuration(90_000)).toBe('1:30');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});

describe('reactionPreview', () => {
  const text = { type: 'TEXT' as const, content: 'Picnic on Sunday?', attachments: null };
  it('names who reacted, with what, to which words', () => {
    expect(reactionPreview({ who: 'Ann', emoji: '❤️', message: text })).toBe(
      'Ann reacted ❤️ to “Picnic on Sunday?”',
    );
    expect(reactionPreview({ who: 'You', emoji: '👍', message: { ...text, content: 'x'.repeat(60) } })).toBe(
      `You reacted 👍 to “${'x'.repeat(39)}…”`,
    );
  });
  it('leaves the words out when asked, or when there are none', () => {
    expect(reactionPreview({ who: 'Ann', emoji: '❤️', message: text }, { quoted: false })).toBe(
      'Ann reacted ❤️ to a message',
    );
    expect(
      reactionPreview({
        who: 'Bob',
        emoji: '😂',
        message: { type: 'IMAGE', content: '', attachments: [{ name: 'a.png' }] },
      }),
    ).toBe('Bob reacted 😂 to “📷 Photo”');
  });
});
