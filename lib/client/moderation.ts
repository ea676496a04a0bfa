// Words and times of the moderation console, apart from its components so
// they can be tested.
import type { AuditAction } from '../moderation/audit';

export const CATEGORY_LABEL = {
  spam: 'Spam',
  harassment: 'Harassment',
  hate: 'Hate',
  sexual_content: 'Sexual content',
  underage: 'Underage',
  threat_of_harm: 'Threat of harm',
  scam: 'Scam',
  other: 'Other',
} as const;

/** The categories that go to the top of the queue and are shown as urgent. */
export function isUrgent(category: string): boolean {
  return category === 'underage' || category === 'threat_of_harm';
}

export const ACTION_LABEL = {
  dismiss: 'Dismiss',
  warn: 'Warn',
  delete_messages: 'Delete messages',
  mute: 'Mute',
  suspend: 'Suspend',
  ban: 'Ban',
} as const;

/** What a decision did, in the past tense, for the history and the outcome line. */
export const ACTION_DONE = {
  dismiss: 'Dismissed',
  warn: 'Warned',
  delete_messages: 'Messages deleted',
  mute: 'Muted',
  suspend: 'Suspended',
  ban: 'Banned',
} as const;

/** A date and time a moderator reads without thinking about time zones: their own, short. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "due in 5 h", "due in 40 min", or overdue. */
export function dueState(dueAt: string, now: number): { overdue: boolean; text: string } {
  const ms = new Date(dueAt).getTime() - now;
  if (ms <= 0) return { overdue: true, text: 'Overdue' };
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return { overdue: false, text: `Due in ${minutes} min` };
  return { overdue: false, text: `Due in ${Math.round(minutes / 60)} h` };
}

export const UNTIL_PRESETS = [
  { label: '24 hours', hours: 24 },
  { label: '7 days', hours: 7 * 24 },
  { label: '30 days', hours: 30 * 24 },
] as const;

/** A time as a datetime-local input holds it: local wall-clock time to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO time of a datetime-local value, or null when it is empty or not a time. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const AUDIT_PHRASE: Record<AuditAction, string> = {
  'report.decided': 'decided a report',
  'sanction.lifted': 'lifted the sanctions',
  'role.granted': 'made a moderator:',
  'role.revoked': 'revoked the moderator role of',
  'match.added': 'recorded a match',
  'match.removed': 'removed a match',
  'word.added': 'added a word',
  'word.removed': 'removed a word',
};

/** An audit action as a phrase ("decided a report"); one this version does not know, as it is stored. */
export function auditPhrase(action: string): string {
  return (AUDIT_PHRASE as Record<string, string>)[action] ?? action;
}
