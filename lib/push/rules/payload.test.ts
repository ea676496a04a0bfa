import { describe, expect, it } from 'vitest';
import { messagePush, type MessagePushInput } from './payload';

const secret = 'meet me at the old mill at 8';
const base: MessagePushInput = {
  preview: 'full',
  chat: { id: '0190c0de-0000-7000-8000-000000000001', type: 'DIRECT', name: null },
  sender: { name: 'Ann' },
  message: {
    seq: 7,
    type: 'TEXT',
    content: secret,
    attachments: null,
    flagged: false,
    createdAt: '2026-01-15T10:00:00.000Z',
  },
  unread: 1,
  badge: 4,
};

describe('push payloads', () => {
  it('shows sender and text with full previews', () => {
    const push = messagePush(base);
    expect(push).toMatchObject({
      title: 'Ann',
      body: secret,
      tag: base.chat.id,
      unread: 1,
      badge: 4,
      seq: 7,
    });
    expect(messagePush({ ...base, unread: 3 }).title).toBe('Ann · 3 new messages');
    const group = messagePush({ ...base, chat: { ...base.chat, type: 'GROUP', name: 'Climbing' } });
    expect(group).toMatchObject({ title: 'Climbing', body: `Ann: ${secret}` });
  });

  it('never carries the text with sender or none', () => {
    for (const preview of ['sender', 'none'] as const) {
      for (const unread of [1, 3]) {
        const json = JSON.stringify(messagePush({ ...base, preview, unread }));
        expect(json).not.toContain('old mill');
      }
    }
    expect(messagePush({ ...base, preview: 'sender', unread: 3 })).toMatchObject({
      title: 'Ann',
      body: '3 new messages from Ann',
    });
    const none = messagePush({ ...base, preview: 'none', unread: 3 });
    expect(none).toMatchObject({ title: 'Chat', body: '3 new messages' });
    expect(JSON.stringify(none)).not.toContain('Ann');
  });

  it('keeps a flagged message’s text out, and clips long text', () => {
    expect(
      JSON.stringify(messagePush({ ...base, message: { ...base.message, flagged: true } })),
    ).not.toContain('old mill');
    const long = messagePush({ ...base, message: { ...base.message, content: '😀'.repeat(500) } });
    expect([...long.body]).toHaveLength(140);
  });

  it('summarises media by type', () => {
    const photo = messagePush({ ...base, message: { ...base.message, type: 'IMAGE', content: '' } });
    expect(photo.body).toBe('📷 Photo');
    const voice = {
      ...base.message,
      type: 'VOICE' as const,
      content: '',
      attachments: [{ name: 'voice.m4a', durationMs: 12_400 }],
    };
    expect(messagePush({ ...base, message: voice }).body).toBe('🎤 Voice message (0:12)');
  });
});
