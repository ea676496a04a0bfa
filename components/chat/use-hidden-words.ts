'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { chatClient } from '@/lib/client/chat-client';
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
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me/hidden-words')).words,
  });
  const words = query.data ?? NONE;
  const hides = useMemo(() => hiddenWordMatcher(words), [words]);
  const save = useMutation({
    mutationFn: async (next: string[]) =>
      unwrap(await chatClient().rest.PUT('/api/v1/users/me/hidden-words', { body: { words: next } })).words,
    onSuccess: (saved) => qc.setQueryData(HIDDEN_WORDS_KEY, saved),
  });
  return { words, loading: query.isLoading, hides, save };
}
