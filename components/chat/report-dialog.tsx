'use client';

import { unwrap } from '@chat/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { errorMessage } from '@/lib/client/rest';
import { closeModal, Modal } from '../ui/modal';
import { BLOCKS_KEY } from './use-blocks';
import { useReportDialog, type ReportTarget } from './report-store';

export const REPORT_CATEGORIES = [
  ['spam', 'Spam'],
  ['harassment', 'Harassment or bullying'],
  ['hate', 'Hate speech'],
  ['sexual_content', 'Unwanted sexual content'],
  ['underage', 'May be under age'],
  ['threat_of_harm', 'Threat of harm'],
  ['scam', 'Scam or fraud'],
  ['other', 'Something else'],
] as const;

const NOTE_MAX = 1000;

/** The report dialog: what is wrong, an optional note, and whether to block them too. */
export function ReportDialog() {
  const target = useReportDialog((s) => s.target);
  const close = useReportDialog((s) => s.close);
  if (!target) return null;
  // A new target is a new form.
  return <ReportForm key={JSON.stringify(target)} target={target} onClose={close} />;
}

function ReportForm({ target, onClose }: { target: ReportTarget; onClose(): void }) {
  const qc = useQueryClient();
  const ids = useId();
  const [category, setCategory] = useState<(typeof REPORT_CATEGORIES)[number][0] | ''>('');
  const [note, setNote] = useState('');
  const [alsoBlock, setAlsoBlock] = useState(false);
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [error, setError] = useState('');

  const submit = async () => {
    if (!category) {
      setError('Choose what is wrong.');
      return;
    }
    setError('');
    setState('sending');
    try {
      unwrap(
        await chatClient().rest.POST('/api/v1/reports', {
          body: {
            userId: target.userId,
            ...(target.chatId && { chatId: target.chatId }),
            ...(target.messageIds?.length && { messageIds: target.messageIds }),
            category,
            ...(note.trim() && { note: note.trim() }),
            alsoBlock,
          },
        }),
      );
      if (alsoBlock) void qc.invalidateQueries({ queryKey: BLOCKS_KEY });
      setState('sent');
    } catch (e) {
      setState('editing');
      setError(errorMessage(e, 'Could not send the report. Try again.'));
    }
  };

  const who = target.name ?? 'this person';
  const what = target.messageIds?.length
    ? target.messageIds.length === 1
      ? 'this message'
      : `these ${target.messageIds.length} messages`
    : who;
  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} dismiss={null}>
      <h2 id={`${ids}-title`} className="mb-1 text-lg font-semibold">
        Report {what}
      </h2>
      {state === 'sent' ? (
        <div role="status">
          <p className="mt-2">Thank you. Our moderators will review your report within 24 hours.</p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            We keep a copy of the messages you reported, so it still counts if they are deleted.
            {alsoBlock && ` You also blocked ${who}.`}
          </p>
          <div className="mt-4 flex justify-end">
            <button
              type="button"
              autoFocus
              onClick={closeModal}
              className="rounded-lg bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
            >
              Done
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {who === 'this person' ? 'They' : target.name} will not be told who reported them.
          </p>
          <fieldset className="mt-3">
            <legend className="font-medium">What is wrong?</legend>
            <div className="mt-1 grid gap-1">
              {REPORT_CATEGORIES.map(([value, label], i) => (
                <label key={value} className="flex items-center gap-2 rounded px-1 py-0.5">
                  <input
                    type="radio"
                    name="category"
                    value={value}
                    checked={category === value}
                    onChange={() => setCategory(value)}
                    autoFocus={i === 0}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <label htmlFor={`${ids}-note`} className="mt-3 block font-medium">
            Anything else we should know? <span className="font-normal">(optional)</span>
          </label>
          <textarea
            id={`${ids}-note`}
            value={note}
            maxLength={NOTE_MAX}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
            className="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
          />
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={alsoBlock} onChange={(e) => setAlsoBlock(e.target.checked)} />
            Also block {who}
          </label>
          <p role="alert" className="mt-2 min-h-5 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" onClick={closeModal} className="rounded-lg px-3 py-1.5 text-sm underline">
              Cancel
            </button>
            <button
              type="submit"
              disabled={state === 'sending'}
              className="rounded-lg bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {state === 'sending' ? 'Sending…' : 'Send report'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
