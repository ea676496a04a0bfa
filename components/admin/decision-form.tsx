'use client';

import { ChatApiError, unwrap } from '@chat/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { ACTION_LABEL, fromLocalInput, toLocalInput, UNTIL_PRESETS } from '@/lib/client/moderation';
import { BanConfirm } from './ban-confirm';
import { adminKeys } from './queries';
import { BUTTON, DANGER, errorText, INPUT, PRIMARY } from './states';
import type { AdminReport, DecisionAction } from './types';

const ACTIONS: { value: DecisionAction; hint: string }[] = [
  { value: 'dismiss', hint: 'Nothing against the rules' },
  { value: 'warn', hint: 'A notice to the person' },
  { value: 'delete_messages', hint: 'Remove the reported messages' },
  { value: 'mute', hint: 'No sending until a time' },
  { value: 'suspend', hint: 'Signed out, no sign-in until a time' },
  { value: 'ban', hint: 'Signed out for good' },
];

type Errors = Partial<Record<'action' | 'until' | 'reason' | 'form', string>>;

/** Dismiss, warn, delete, mute, suspend or ban, with a reason; a ban asks once more. */
export function DecisionForm(props: { report: AdminReport; onDecided(report: AdminReport): void }) {
  const qc = useQueryClient();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [action, setAction] = useState<DecisionAction | null>(null);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const name = props.report.reportedUser.name ?? 'this person';
  const timed = action === 'mute' || action === 'suspend';

  const decide = useMutation({
    mutationFn: async (body: { action: DecisionAction; until?: string; reason: string }) =>
      unwrap(
        await chatClient().rest.POST('/api/v1/admin/reports/{id}/decision', {
          params: { path: { id: props.report.id } },
          body,
        }),
      ),
    onSuccess: ({ report }) => props.onDecided(report),
    onError: (e) => {
      setErrors({ form: errorText(e) });
      // Someone else decided it first: show theirs.
      if (e instanceof ChatApiError && e.status === 409)
        void qc.invalidateQueries({ queryKey: adminKeys.reports });
    },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.reports }),
        qc.invalidateQueries({ queryKey: adminKeys.report(props.report.id) }),
        qc.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });

  const check = (): Errors => {
    const found: Errors = {};
    if (!action) found.action = 'Choose an action.';
    if (timed) {
      const iso = fromLocalInput(until);
      if (!iso) found.until = 'Choose until when.';
      else if (new Date(iso).getTime() <= Date.now()) found.until = 'Choose a time in the future.';
    }
    if (!reason.trim()) found.reason = 'Give a reason: it goes into the audit log.';
    return found;
  };
  const send = () => {
    if (!action) return;
    const iso = timed ? fromLocalInput(until) : null;
    decide.mutate({ action, reason: reason.trim(), ...(iso ? { until: iso } : {}) });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setErrors(found);
    const first = (['action', 'until', 'reason'] as const).find((k) => found[k]);
    if (first) {
      form.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    if (action === 'ban') setConfirming(true);
    else send();
  };

  const describedBy = (field: keyof Errors, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof Errors) =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="text-sm text-red-700 dark:text-red-400">
        {errors[field]}
      </p>
    );

  return (
    <form ref={form} noValidate onSubmit={onSubmit} aria-label="Decision" className="flex flex-col gap-3">
      <fieldset aria-describedby={describedBy('action')}>
        <legend className="text-sm font-medium">Action</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2 xl:grid-cols-3">
          {ACTIONS.map((a, i) => (
            <label
              key={a.value}
              className="flex cursor-pointer items-start gap-2 rounded-lg border border-slate-300 p-2 has-checked:border-blue-700 has-checked:bg-blue-50 dark:border-slate-600 dark:has-checked:border-sky-400 dark:has-checked:bg-slate-800"
            >
              <input
                type="radio"
                name={`${id}-action`}
                value={a.value}
                checked={action === a.value}
                onChange={() => setAction(a.value)}
                data-field={i === 0 ? 'action' : undefined}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium">{ACTION_LABEL[a.value]}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{a.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldError('action')}
      </fieldset>

      {timed && (
        <fieldset>
          <legend className="text-sm font-medium">{action === 'mute' ? 'Mute' : 'Suspend'} until</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {UNTIL_PRESETS.map((p) => (
              <button
                key={p.label}
                type="button"
                className={BUTTON}
                onClick={() => {
                  setUntil(toLocalInput(new Date(Date.now() + p.hours * 3_600_000)));
                  setErrors((e) => ({ ...e, until: undefined }));
                }}
              >
                {p.label}
              </button>
            ))}
          </div>
          <label htmlFor={`${id}-until`} className="mt-2 block text-sm">
            Date and time (your time zone)
          </label>
          <input
            id={`${id}-until`}
            type="datetime-local"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            required
            data-field="until"
            aria-invalid={errors.until ? true : undefined}
            aria-describedby={describedBy('until')}
            className={`${INPUT} w-full sm:w-auto`}
          />
          {fieldError('until')}
        </fieldset>
      )}

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-reason`} className="text-sm font-medium">
          Reason
        </label>
        <p id={`${id}-reason-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          Kept in the audit log. A muted, suspended or banned person is told it.
        </p>
        <textarea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={500}
          data-field="reason"
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={describedBy('reason', `${id}-reason-hint`)}
          className={INPUT}
        />
        {fieldError('reason')}
      </div>

      <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-400">
        {errors.form}
      </p>
      <div>
        <button
          type="submit"
          disabled={decide.isPending}
          className={action === 'ban' || action === 'suspend' ? DANGER : PRIMARY}
        >
          {decide.isPending ? 'Saving…' : action ? submitLabel(action, name) : 'Decide'}
        </button>
      </div>
      {confirming && (
        <BanConfirm
          name={name}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            send();
          }}
        />
      )}
    </form>
  );
}

function submitLabel(action: DecisionAction, name: string): string {
  if (action === 'dismiss') return 'Dismiss report';
  if (action === 'delete_messages') return 'Delete the reported messages';
  return `${ACTION_LABEL[action]} ${name}`;
}
