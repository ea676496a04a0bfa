'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { ACTION_DONE, CATEGORY_LABEL, when } from '@/lib/client/moderation';
import { adminKeys } from './queries';
import { BUTTON, errorText, INPUT } from './states';
import type { ReportHistory } from './types';

/** The reported person's standing: sanctions in force, earlier reports, and lifting the sanctions. */
export function History(props: {
  person: { id: string; name: string };
  history: ReportHistory;
  reportId: string;
  now: number;
}) {
  const { sanctions, reports } = props.history;
  const lines = [
    sanctions.bannedAt && `Banned since ${when(sanctions.bannedAt)}`,
    sanctions.suspendedUntil &&
      new Date(sanctions.suspendedUntil).getTime() > props.now &&
      `Suspended until ${when(sanctions.suspendedUntil)}`,
    sanctions.mutedUntil &&
      new Date(sanctions.mutedUntil).getTime() > props.now &&
      `Muted until ${when(sanctions.mutedUntil)}`,
  ].filter((l): l is string => Boolean(l));
  return (
    <>
      <h4 className="mt-2 text-sm font-semibold">Sanctions</h4>
      {lines.length === 0 ? (
        <p className="text-sm">None in force.</p>
      ) : (
        <>
          <ul className="text-sm font-medium text-red-800 dark:text-red-300">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          {sanctions.reason && <p className="text-sm break-words">Reason given: {sanctions.reason}</p>}
          <LiftForm person={props.person} reportId={props.reportId} />
        </>
      )}
      <h4 className="mt-3 text-sm font-semibold">Earlier reports</h4>
      {reports.length === 0 ? (
        <p className="text-sm">None.</p>
      ) : (
        <ul className="text-sm">
          {reports.map((r) => (
            <li key={r.id}>
              {CATEGORY_LABEL[r.category]}, filed {when(r.createdAt)}:{' '}
              {r.action ? ACTION_DONE[r.action] : r.status}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function LiftForm({ person, reportId }: { person: { id: string; name: string }; reportId: string }) {
  const qc = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const lift = useMutation({
    mutationFn: async () =>
      unwrap(
        await chatClient().rest.POST('/api/v1/admin/users/{id}/lift', {
          params: { path: { id: person.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: async () => {
      setReason('');
      await Promise.all([
        qc.invalidateQueries({ queryKey: adminKeys.report(reportId) }),
        qc.invalidateQueries({ queryKey: adminKeys.audit }),
      ]);
    },
  });
  return (
    <form
      noValidate
      className="mt-2 flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        setInvalid(!reason.trim());
        if (reason.trim()) lift.mutate();
      }}
    >
      <label htmlFor={`${id}-reason`} className="text-sm font-medium">
        Reason for lifting
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-status`}
          className={`${INPUT} min-w-0 flex-1`}
        />
        <button type="submit" disabled={lift.isPending} className={BUTTON}>
          Lift sanctions on {person.name}
        </button>
      </div>
      <p id={`${id}-status`} role="status" className="text-sm text-red-700 dark:text-red-400">
        {invalid ? 'Say why the sanctions are lifted.' : lift.isError ? errorText(lift.error) : ''}
      </p>
    </form>
  );
}
