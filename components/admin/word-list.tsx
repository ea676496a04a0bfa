'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { when } from '@/lib/client/moderation';
import { adminKeys } from './queries';
import { BUTTON, Empty, errorText, INPUT, LoadError, Loading, PRIMARY } from './states';
import type { FilterWord } from './types';

const ACTION_TEXT = { block: 'Block: the send is refused', flag: 'Flag: “Are you sure?”, then sent flagged' };

/** The platform word list applied to every send and edit. */
export function WordList() {
  const qc = useQueryClient();
  const id = useId();
  const wordInput = useRef<HTMLInputElement>(null);
  const [word, setWord] = useState('');
  const [action, setAction] = useState<FilterWord['action']>('block');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const words = useQuery({
    queryKey: adminKeys.words,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/admin/words')),
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: adminKeys.words }),
      qc.invalidateQueries({ queryKey: adminKeys.audit }),
    ]);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(await chatClient().rest.POST('/api/v1/admin/words', { body: { word: word.trim(), action } })),
    onSuccess: async () => {
      setNotice(`Added “${word.trim()}”.`);
      setWord('');
      await refresh();
      wordInput.current?.focus();
    },
    onError: (e) => setError(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: async (w: FilterWord) =>
      unwrap(await chatClient().rest.DELETE('/api/v1/admin/words/{id}', { params: { path: { id: w.id } } })),
    onSuccess: async (_, w) => {
      setNotice(`Removed “${w.word}”.`);
      await refresh();
      // The row and its button are gone: focus goes back to the form.
      wordInput.current?.focus();
    },
    onError: (e) => setError(errorText(e)),
  });

  const items = words.data?.items ?? [];
  return (
    <section aria-labelledby="words-heading" className="mx-auto w-full max-w-3xl p-3 md:p-4">
      <h1 id="words-heading" className="text-xl font-bold">
        Word list
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Applied to every message sent or edited, including leetspeak spellings, whole words only.
      </p>
      <form
        noValidate
        className="mt-3 flex flex-col gap-2 rounded-lg border border-slate-200 p-3 sm:flex-row sm:items-end dark:border-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice('');
          setError(word.trim() ? '' : 'Type a word to add.');
          if (word.trim()) add.mutate();
        }}
      >
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor={`${id}-word`} className="text-sm font-medium">
            Word
          </label>
          <input
            ref={wordInput}
            id={`${id}-word`}
            value={word}
            onChange={(e) => setWord(e.target.value)}
            required
            maxLength={64}
            autoComplete="off"
            aria-invalid={error && !word.trim() ? true : undefined}
            aria-describedby={`${id}-result`}
            className={INPUT}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-action`} className="text-sm font-medium">
            What it does
          </label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(e) => setAction(e.target.value as FilterWord['action'])}
            className={INPUT}
          >
            <option value="block">{ACTION_TEXT.block}</option>
            <option value="flag">{ACTION_TEXT.flag}</option>
          </select>
        </div>
        <button type="submit" disabled={add.isPending} className={PRIMARY}>
          Add word
        </button>
      </form>
      <p id={`${id}-result`} role="status" className="mt-2 min-h-5 text-sm">
        {error ? <span className="text-red-700 dark:text-red-400">{error}</span> : notice}
      </p>
      {words.isPending && <Loading>Loading the word list…</Loading>}
      {words.isError && (
        <LoadError error={words.error} what="the word list" onRetry={() => void words.refetch()} />
      )}
      {words.isSuccess && items.length === 0 && <Empty>No words yet.</Empty>}
      {items.length > 0 && (
        <ul aria-label="Words" className="mt-2 divide-y divide-slate-200 dark:divide-slate-700">
          {items.map((w) => (
            <li key={w.id} className="flex items-center gap-3 py-2">
              <span className="min-w-0 flex-1">
                <span className="block font-medium break-words">{w.word}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {w.action === 'block' ? 'Blocked' : 'Flagged'} · added {when(w.createdAt)}
                </span>
              </span>
              <button
                type="button"
                onClick={() => remove.mutate(w)}
                disabled={remove.isPending && remove.variables.id === w.id}
                aria-label={`Remove ${w.word}`}
                className={BUTTON}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
