// The word filter this process applies, kept in memory so that a send or an
// edit is checked without a query. Built from the FilterWord table on first
// use; rebuilt at once when the console changes the list through this
// process, and otherwise when it is older than REFRESH_MS, in the background
// (the send that notices goes on with the current one). The refresh is how
// a change made through another process sharing the database arrives: a
// short TTL instead of a Redis channel, because word lists change rarely
// and 30 s is soon enough.
import { database, type Database } from '../db';
import { env } from '../env';
import { logger } from '../logger';
import { processSlot } from '../process-state';
import { compileWordFilter, type BaselineMode, type WordFilter } from './word-filter';

export const REFRESH_MS = 30_000;
/** After a failed refresh, the next try; the old filter keeps working meanwhile. */
const RETRY_MS = 5_000;

interface State {
  /** What the filter was built for: a restarted server in the same process gets its own. */
  database: Database;
  baseline: BaselineMode;
  filter?: WordFilter;
  builtAt: number;
  /** Loads are numbered: an older one finishing late never replaces a newer one. */
  started: number;
  installed: number;
  loading?: Promise<WordFilter>;
}

// In the process's shared state: route handlers (Next's bundle) and socket
// handlers (server.ts) check against the same filter, and a change through
// either rebuilds it for both.
const slot = processSlot<State>('wordFilter');

function state(): State {
  const current = slot.get();
  const db = database();
  const baseline = env().WORD_FILTER_BASELINE;
  if (current && current.database === db && current.baseline === baseline) return current;
  const fresh: State = { database: db, baseline, builtAt: 0, started: 0, installed: 0 };
  slot.set(fresh);
  return fresh;
}

function load(s: State): Promise<WordFilter> {
  const number = ++s.started;
  const loading = (async () => {
    const rows = await s.database.prisma.filterWord.findMany({ select: { word: true, action: true } });
    const filter = compileWordFilter({
      words: rows.map((r) => ({ word: r.word, action: r.action === 'BLOCK' ? 'block' : 'flag' })),
      baseline: s.baseline,
    });
    if (number > s.installed) {
      s.installed = number;
      s.filter = filter;
      s.builtAt = Date.now();
    }
    return s.filter ?? filter;
  })();
  s.loading = loading;
  void loading.then(
    () => {
      if (s.loading === loading) s.loading = undefined;
    },
    () => {
      if (s.loading === loading) s.loading = undefined;
    },
  );
  return loading;
}

/** The filter to check a message against: in memory, loaded once. */
export async function activeWordFilter(): Promise<WordFilter> {
  const s = state();
  if (!s.filter) return s.loading ?? load(s);
  if (Date.now() - s.builtAt > REFRESH_MS && !s.loading) {
    load(s).catch((err: unknown) => {
      s.builtAt = Date.now() - REFRESH_MS + RETRY_MS;
      logger().warn({ err }, 'word list refresh failed; keeping the current one');
    });
  }
  return s.filter;
}

/** Rebuilds the filter now, after the console changed the list: the next message sees the change. */
export async function reloadWordFilter(): Promise<void> {
  await load(state());
}
