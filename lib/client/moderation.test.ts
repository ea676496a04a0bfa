import { describe, expect, it } from 'vitest';
import { dueState, fromLocalInput, isUrgent, toLocalInput } from './moderation';

describe('dueState', () => {
  const due = '2026-12-05T12:00:00.000Z';
  const at = (iso: string) => new Date(iso).getTime();

  it('counts hours, then minutes in the last hour', () => {
    expect(dueState(due, at('2026-12-04T12:00:00.000Z'))).toEqual({ overdue: false, text: 'Due in 24 h' });
    expect(dueState(due, at('2026-12-05T11:20:00.000Z'))).toEqual({ overdue: false, text: 'Due in 40 min' });
    expect(dueState(due, at('2026-12-05T11:59:30.000Z'))).toEqual({ overdue: false, text: 'Due in 1 min' });
  });

  it('is overdue from the due time on', () => {
    expect(dueState(due, at(due))).toEqual({ overdue: true, text: 'Overdue' });
    expect(dueState(due, at('2026-12-06T00:00:00.000Z')).overdue).toBe(true);
  });
});

describe('datetime-local values', () => {
  it('round-trip to the minute in local time', () => {
    const date = new Date(2026, 11, 24, 9, 5, 42);
    expect(toLocalInput(date)).toBe('2026-12-24T09:05');
    expect(fromLocalInput('2026-12-24T09:05')).toBe(new Date(2026, 11, 24, 9, 5).toISOString());
  });

  it('refuse what is not a time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('soon')).toBeNull();
  });
});

describe('isUrgent', () => {
  it('marks underage and threat of harm only', () => {
    expect(['underage', 'threat_of_harm', 'spam', 'other'].map(isUrgent)).toEqual([true, true, false, false]);
  });
});
