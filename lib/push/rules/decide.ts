// When a message becomes a push, for one recipient: an ordered list of rules,
// each of which may decide (push, or skip with a reason) or pass to the next.
// The first decision wins; past them all, the message is pushed.
//
// A mention of the recipient gets through a chat they muted, unless they
// muted its mentions too, and is pushed as { push: 'mention' }. Blocks,
// reading it already, a focused tab and quiet hours (the person's own
// do-not-disturb, for everything but what they let through) still stop it.
import type { ChatType, MessageType } from '../../chat/dto';
import { inQuietHours, type QuietSpan } from './quiet-hours';

export interface IncomingMessage {
  senderId: string | null;
  seq: number;
  type: MessageType;
  deleted: boolean;
  at: Date;
}

export interface Recipient {
  userId: string;
  chatType: ChatType;
  lastReadSeq: number;
  mutedUntil: Date | null;
  /** The recipient blocks the sender (they still share a group). */
  blocksSender: boolean;
  /** A visible, focused tab of the app is connected for them, on any process. */
  focused: boolean;
  quietHours: (QuietSpan & { allowDirectChats: boolean }) | null;
  /** The message mentions the recipient. */
  mentioned: boolean;
  /** Their mute of this chat covers mentions too. */
  muteMentions: boolean;
}

export type PushReason = 'message' | 'mention';
export type SkipReason =
  'system' | 'deleted' | 'own' | 'read' | 'blocked' | 'focused' | 'muted' | 'quiet-hours';
export type Decision = { push: PushReason } | { skip: SkipReason };
type Rule = (message: IncomingMessage, recipient: Recipient) => Decision | null;

const skip = (reason: SkipReason): Decision => ({ skip: reason });

export const RULES: readonly Rule[] = [
  (m) => (m.type === 'SYSTEM' || m.senderId === null ? skip('system') : null),
  (m) => (m.deleted ? skip('deleted') : null),
  (m, r) => (m.senderId === r.userId ? skip('own') : null),
  (m, r) => (m.seq <= r.lastReadSeq ? skip('read') : null),
  (_, r) => (r.blocksSender ? skip('blocked') : null),
  (_, r) => (r.focused ? skip('focused') : null),
  (m, r) => {
    if (!r.mutedUntil || r.mutedUntil <= m.at) return null;
    return r.mentioned && !r.muteMentions ? null : skip('muted');
  },
  (m, r) => {
    const quiet = r.quietHours;
    if (!quiet || !inQuietHours(m.at, quiet)) return null;
    return quiet.allowDirectChats && r.chatType === 'DIRECT' ? null : skip('quiet-hours');
  },
];

export function decide(message: IncomingMessage, recipient: Recipient): Decision {
  for (const rule of RULES) {
    const decision = rule(message, recipient);
    if (decision) return decision;
  }
  return { push: recipient.mentioned ? 'mention' : 'message' };
}
