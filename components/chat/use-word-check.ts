'use client';

import { useCallback, useState } from 'react';
import type { ErrorBody } from '@/lib/errors';

/**
 * A send or edit the platform's word filter held back: a flagged word asks
 * "Are you sure?" (send anyway, or edit), a blocked word refuses it and the
 * text goes back to the composer.
 */
export type WordCheck =
  | { kind: 'confirm'; message: string; proceed(): void; revise(): void }
  | { kind: 'blocked'; message: string };

/** The refusals the word filter gives: nothing was stored, and the sender is asked or told. */
export const WORD_FILTER_CODES: ReadonlySet<string> = new Set(['CONFIRM_REQUIRED', 'CONTENT_BLOCKED']);

export function useWordCheck() {
  const [check, setCheck] = useState<WordCheck | null>(null);
  /** Takes a refused send or edit; true when the filter refused it (nothing was stored). */
  const offer = useCallback((error: ErrorBody, what: { proceed(): void; revise(): void }): boolean => {
    if (error.code === 'CONFIRM_REQUIRED') {
      setCheck({ kind: 'confirm', message: error.message, ...what });
      return true;
    }
    if (error.code === 'CONTENT_BLOCKED') {
      what.revise();
      setCheck({ kind: 'blocked', message: error.message });
      return true;
    }
    return false;
  }, []);
  const clear = useCallback(() => setCheck(null), []);
  return { check, offer, clear };
}
