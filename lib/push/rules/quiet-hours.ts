// Quiet hours are wall-clock times in the person's own time zone, so they
// follow daylight saving time; a span that passes midnight (22:00–07:00)
// wraps around.

export interface QuietSpan {
  /** Minutes after midnight, 0–1439. */
  start: number;
  end: number;
  timeZone: string;
}

/** "22:30" → 1350. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** 1350 → "22:30". */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes after midnight at `at` on the clocks of `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** Whether `at` falls in the span: from `start` included to `end` excluded. */
export function inQuietHours(at: Date, span: QuietSpan): boolean {
  const now = localMinutes(at, span.timeZone);
  return span.start < span.end ? now >= span.start && now < span.end : now >= span.start || now < span.end;
}
