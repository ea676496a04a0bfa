import { describe, expect, it } from 'vitest';
import { clockOf, inQuietHours, localMinutes, minutesOf } from './quiet-hours';

describe('quiet hours', () => {
  it('reads clocks in the person’s time zone, daylight saving included', () => {
    // 21:30 UTC is 23:30 in Berlin in summer (CEST) and 22:30 in winter (CET).
    expect(localMinutes(new Date('2026-07-01T21:30:00Z'), 'Europe/Berlin')).toBe(minutesOf('23:30'));
    expect(localMinutes(new Date('2026-01-15T21:30:00Z'), 'Europe/Berlin')).toBe(minutesOf('22:30'));
    expect(localMinutes(new Date('2026-01-15T00:05:00Z'), 'UTC')).toBe(5);
  });

  it('wraps a span that passes midnight', () => {
    const night = { start: minutesOf('22:00'), end: minutesOf('07:00'), timeZone: 'America/New_York' };
    expect(inQuietHours(new Date('2026-01-15T03:30:00Z'), night)).toBe(true); // 22:30 in New York
    expect(inQuietHours(new Date('2026-01-15T11:59:00Z'), night)).toBe(true); // 06:59
    expect(inQuietHours(new Date('2026-01-15T12:00:00Z'), night)).toBe(false); // 07:00: over
    expect(inQuietHours(new Date('2026-01-15T20:00:00Z'), night)).toBe(false); // 15:00
  });

  it('takes a span within one day', () => {
    const lunch = { start: minutesOf('12:00'), end: minutesOf('13:30'), timeZone: 'Asia/Tokyo' };
    expect(inQuietHours(new Date('2026-01-15T03:00:00Z'), lunch)).toBe(true); // 12:00 in Tokyo
    expect(inQuietHours(new Date('2026-01-15T04:30:00Z'), lunch)).toBe(false); // 13:30
  });

  it('writes minutes back as a clock', () => {
    expect(clockOf(minutesOf('07:05'))).toBe('07:05');
    expect(clockOf(0)).toBe('00:00');
  });
});
