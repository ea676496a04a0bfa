import { describe, expect, it } from 'vitest';
import { decide, type IncomingMessage, type Recipient } from './decide';
import { minutesOf } from './quiet-hours';

const at = new Date('2026-01-15T23:30:00Z'); // 23:30 in UTC
const message: IncomingMessage = { senderId: 'ann', seq: 5, type: 'TEXT', deleted: false, at };
const bob: Recipient = {
  userId: 'bob',
  chatType: 'GROUP',
  lastReadSeq: 4,
  mutedUntil: null,
  blocksSender: false,
  focused: false,
  quietHours: null,
  mentioned: false,
  muteMentions: false,
};
const night = {
  start: minutesOf('22:00'),
  end: minutesOf('07:00'),
  timeZone: 'UTC',
  allowDirectChats: false,
};

describe('when to push', () => {
  it('pushes a new message to someone away', () => {
    expect(decide(message, bob)).toEqual({ push: 'message' });
  });

  it('skips the sender, system messages, deleted and already read ones', () => {
    expect(decide(message, { ...bob, userId: 'ann' })).toEqual({ skip: 'own' });
    expect(decide({ ...message, type: 'SYSTEM', senderId: null }, bob)).toEqual({ skip: 'system' });
    expect(decide({ ...message, deleted: true }, bob)).toEqual({ skip: 'deleted' });
    expect(decide(message, { ...bob, lastReadSeq: 5 })).toEqual({ skip: 'read' });
  });

  it('skips blocked senders, a focused tab, muted chats', () => {
    expect(decide(message, { ...bob, blocksSender: true })).toEqual({ skip: 'blocked' });
    expect(decide(message, { ...bob, focused: true })).toEqual({ skip: 'focused' });
    expect(decide(message, { ...bob, mutedUntil: new Date('2026-01-16T00:00:00Z') })).toEqual({
      skip: 'muted',
    });
    // A mute that ended no longer holds.
    expect(decide(message, { ...bob, mutedUntil: new Date('2026-01-15T00:00:00Z') })).toEqual({
      push: 'message',
    });
  });

  it('lets a mention through a muted chat unless its mentions are muted too', () => {
    const muted = { ...bob, mutedUntil: new Date('2026-01-16T00:00:00Z') };
    expect(decide(message, { ...bob, mentioned: true })).toEqual({ push: 'mention' });
    expect(decide(message, { ...muted, mentioned: true })).toEqual({ push: 'mention' });
    expect(decide(message, { ...muted, mentioned: true, muteMentions: true })).toEqual({ skip: 'muted' });
    expect(decide(message, { ...muted, muteMentions: false })).toEqual({ skip: 'muted' });
    // Blocks, a focused tab and quiet hours still hold for mentions.
    expect(decide(message, { ...muted, mentioned: true, blocksSender: true })).toEqual({ skip: 'blocked' });
    expect(decide(message, { ...muted, mentioned: true, focused: true })).toEqual({ skip: 'focused' });
    expect(decide(message, { ...muted, mentioned: true, quietHours: night })).toEqual({
      skip: 'quiet-hours',
    });
  });

  it('keeps quiet hours, letting direct chats through when asked', () => {
    expect(decide(message, { ...bob, quietHours: night })).toEqual({ skip: 'quiet-hours' });
    expect(decide(message, { ...bob, chatType: 'DIRECT', quietHours: night })).toEqual({
      skip: 'quiet-hours',
    });
    const letThrough = { ...night, allowDirectChats: true };
    expect(decide(message, { ...bob, chatType: 'DIRECT', quietHours: letThrough })).toEqual({
      push: 'message',
    });
    expect(decide(message, { ...bob, chatType: 'GROUP', quietHours: letThrough })).toEqual({
      skip: 'quiet-hours',
    });
    expect(
      decide({ ...message, at: new Date('2026-01-15T12:00:00Z') }, { ...bob, quietHours: night }),
    ).toEqual({
      push: 'message',
    });
  });
});
