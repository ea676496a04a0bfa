'use client';

import { useRef, useState } from 'react';
import { errorMessage } from '@/lib/client/rest';
import { Modal } from '../ui/modal';
import { useHiddenWords } from './use-hidden-words';

const WORD_MAX_LENGTH = 64;

/**
 * The person's hidden words: messages from others that contain one are
 * collapsed until they tap Show. The list is theirs alone, and the matching
 * happens in this browser.
 */
export function HiddenWordsDialog({ onClose }: { onClose(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const { words, loading, save } = useHiddenWords();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  const store = (next: string[], done: string, after?: () => void) => {
    setError('');
    save.mutate(next, {
      onSuccess: () => {
        setStatus(done);
        after?.();
      },
      onError: (e) => setError(errorMessage(e, 'Could not save your hidden words. Try again.')),
    });
  };
  const add = () => {
    const word = draft.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!word) return;
    if (words.includes(word)) {
      setStatus(`“${word}” is already hidden.`);
      return setDraft('');
    }
    store([...words, word], `Messages with “${word}” will be hidden.`, () => setDraft(''));
  };
  const remove = (word: string) => {
    store(
      words.filter((w) => w !== word),
      `“${word}” is no longer hidden.`,
    );
    // Its button goes away with it: focus goes back to the box.
    input.current?.focus();
  };

  return (
    <Modal labelledBy="hidden-words-title" describedBy="hidden-words-about" onClose={onClose}>
      <h2 id="hidden-words-title" className="mb-1 text-lg font-semibold">
        Hidden words
      </h2>
      <p id="hidden-words-about" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Messages from others that contain one of these words are collapsed until you choose to show them. Only
        you can see this list.
      </p>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="flex min-w-0 flex-1 flex-col text-sm font-medium">
          Word or phrase to hide
          <input
            ref={input}
            autoFocus
            value={draft}
            maxLength={WORD_MAX_LENGTH}
            onChange={(e) => setDraft(e.target.value)}
            className="mt-1 rounded-lg border border-slate-400 bg-white px-3 py-2 font-normal dark:border-slate-500 dark:bg-slate-800"
          />
        </label>
        <button
          type="submit"
          disabled={!draft.trim() || save.isPending}
          className="rounded-lg bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          Add
        </button>
      </form>
      {loading ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : words.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">You hide no words yet.</p>
      ) : (
        <ul aria-label="Your hidden words" className="mt-3 flex max-h-60 flex-wrap gap-2 overflow-y-auto">
          {words.map((word) => (
            <li
              key={word}
              className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm dark:bg-slate-800"
            >
              {word}
              <button
                type="button"
                onClick={() => remove(word)}
                disabled={save.isPending}
                aria-label={`Remove ${word}`}
                className="rounded-full px-1.5 text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="mt-2 min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {status}
      </p>
      <p role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </Modal>
  );
}
