'use client';

import { useEffect, useEffectEvent, useState } from 'react';

/**
 * Brings a message (a search hit) into view: loads older pages until it is
 * there, then focuses it and flashes it. Returns the id to highlight.
 */
export function useJumpTo(opts: {
  target: { id: string; seq: number } | null;
  keys: string[];
  oldestSeq: number | undefined;
  older: { has: boolean; loading: boolean; load(): void };
  focusKey(key: string): void;
  onDone(): void;
}) {
  const { target, keys, oldestSeq, older } = opts;
  const [highlight, setHighlight] = useState<string | null>(null);
  const focusKey = useEffectEvent((key: string) => opts.focusKey(key));
  const done = useEffectEvent(() => opts.onDone());

  useEffect(() => {
    if (!target) return;
    if (keys.includes(target.id)) {
      focusKey(target.id);
      setHighlight(target.id); // eslint-disable-line react-hooks/set-state-in-effect -- a flash the jump starts
      done();
    } else if (oldestSeq !== undefined && oldestSeq > target.seq && older.has) {
      if (!older.loading) older.load();
    } else {
      done(); // not in the history any more (its chat was cleared, or the page failed)
    }
  }, [target, keys, oldestSeq, older]);

  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(null), 2000);
    return () => clearTimeout(timer);
  }, [highlight]);

  return highlight;
}
