// How a disappearing-message timer reads, for the server's notices and the
// web app's menu alike (no server imports: the browser bundles it).

const DAY = 24 * 60 * 60;

/** "24 hours", "7 days", "90 days", "5 seconds". */
export function describeTimer(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % DAY === 0 && seconds > DAY) return unit(seconds / DAY, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** A tombstone whose time came, rather than one someone deleted: it vanishes from the thread. */
export function disappeared(m: { deletedAt: string | null; expiresAt: string | null }): boolean {
  return m.deletedAt !== null && m.expiresAt !== null && m.deletedAt >= m.expiresAt;
}
