// Who is active on a day, for daily and weekly active people: anyone whose
// credential the server accepted that UTC day (a request, a socket), besides
// the senders the rollup finds. Written at most once per person per day per
// process (an in-memory set), off the request's path; ON CONFLICT makes the
// other processes' writes of the same row harmless.
import { db } from '../db';
import { processSlot } from '../process-state';

interface Seen {
  day: string;
  ids: Set<string>;
}

const slot = processSlot<Seen>('analyticsActivity');

/** Records that `userId` used the app today (UTC). Never throws, never waits. */
export function noteActive(userId: string): void {
  const day = new Date().toISOString().slice(0, 10);
  const seen = slot.use(() => ({ day, ids: new Set() }));
  if (seen.day !== day) {
    seen.day = day;
    seen.ids = new Set();
  }
  if (seen.ids.has(userId)) return;
  seen.ids.add(userId);
  const forget = () => void seen.ids.delete(userId);
  try {
    db().$executeRaw`INSERT INTO "AnalyticsActivity" (day, "userId") VALUES (${day}::date, ${userId}::uuid)
        ON CONFLICT (day, "userId") DO NOTHING`.then(undefined, forget);
  } catch {
    forget(); // No database open (a stopping process): the next request tries again.
  }
}
