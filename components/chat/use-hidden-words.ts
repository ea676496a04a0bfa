'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/lib/client/api';
import { hiddenWordMatcher } from '@/lib/client/hidden-words';

export const HIDDEN_WORDS_KEY = ['me', 'hidden-words'] as const;
const NONE: string[] = [];

/**
 * The signed-in person's hidden words, a test for whether a text holds one
 * (the same function until the list changes), and the call that saves them.
 */
export function useHiddenWords() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: HIDDEN_WORDS_KEY,
    queryFn: () => api<{ words: string[] }>('/users/me/hidden-words').then((r) => r.words),
  });
  const words = query.data ?? NONE;
  const hides = useMemo(() => hiddenWordMatcher(words), [words]);
  const save = useMutation({
    mutationFn: (next: string[]) =>
      api<{ words: string[] }>('/users/me/hidden-words', { method: 'PUT', body: { words: next } }).then(
        (r) => r.words,
      ),
    onSuccess: (saved) => qc.setQueryData(HIDDEN_WORDS_KEY, saved),
  });
  return { words, loading: query.isLoading, hides, save };
}
