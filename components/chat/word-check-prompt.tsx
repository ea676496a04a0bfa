'use client';

import { useEffect, useId, useRef } from 'react';
import type { WordCheck } from './use-word-check';

/**
 * Above the message box: "Are you sure? …" with Edit and Send anyway, or why
 * a message was refused. The region is always there, so a screen reader
 * hears what appears in it; the question also takes focus (on Edit, the
 * safe answer), and Escape answers Edit.
 */
export function WordCheckPrompt(props: { check: WordCheck | null; onDone(): void; onBackToText(): void }) {
  const { check } = props;
  const questionId = useId();
  const edit = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (check?.kind === 'confirm') edit.current?.focus();
  }, [check]);

  const answer = (choice: 'edit' | 'send') => {
    if (check?.kind !== 'confirm') return;
    props.onDone();
    if (choice === 'send') check.proceed();
    else check.revise();
    props.onBackToText();
  };

  return (
    <div aria-live="polite">
      {check?.kind === 'confirm' && (
        <div
          role="group"
          aria-labelledby={questionId}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            answer('edit');
          }}
          className="mb-2 rounded-lg border border-amber-500 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50"
        >
          <p id={questionId}>{check.message}</p>
          <div className="mt-2 flex gap-2">
            <button
              ref={edit}
              type="button"
              onClick={() => answer('edit')}
              className="rounded-lg border border-amber-700 px-3 py-1 font-medium dark:border-amber-300"
            >
              Edit
            </button>
            <button
              type="button"
              onClick={() => answer('send')}
              className="rounded-lg bg-amber-800 px-3 py-1 font-medium text-white hover:bg-amber-900 dark:bg-amber-300 dark:text-amber-950"
            >
              Send anyway
            </button>
          </div>
        </div>
      )}
      {check?.kind === 'blocked' && (
        <p className="mb-2 text-sm text-red-700 dark:text-red-400">{check.message}</p>
      )}
    </div>
  );
}
