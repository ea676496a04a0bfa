'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ACTION_DONE, dueState, when } from '@/lib/client/moderation';
import { DecisionForm } from './decision-form';
import { Evidence } from './evidence';
import { adminKeys, useReport } from './queries';
import { CategoryBadge } from './report-queue';
import { History } from './report-history';
import { LoadError, Loading } from './states';
import type { AdminReport, ReportHistory } from './types';

/** One report: what was reported, by whom, the frozen evidence, the person's history, and the decision. */
export function ReportDetail(props: { id: string; meId: string; now: number; onBack(): void }) {
  const qc = useQueryClient();
  const query = useReport(props.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const [justDecided, setJustDecided] = useState(false);
  const loaded = query.isSuccess;

  // Opening a report takes focus to its title, so a screen reader says what is open.
  useEffect(() => {
    if (loaded) heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  const back = (
    <button
      type="button"
      onClick={props.onBack}
      className="self-start rounded px-2 py-1 text-sm font-medium text-blue-700 underline md:hidden dark:text-blue-400"
    >
      ← Back to reports
    </button>
  );
  if (query.isPending)
    return (
      <div className="p-3">
        {back}
        <Loading>Loading the report…</Loading>
      </div>
    );
  if (query.isError)
    return (
      <div className="p-3">
        {back}
        <LoadError error={query.error} what="this report" onRetry={() => void query.refetch()} />
      </div>
    );

  const { report, history } = query.data;
  const reported = { id: report.reportedUserId, name: report.reportedUser.name ?? 'Deleted account' };
  const due = dueState(report.dueAt, props.now);
  return (
    <article aria-labelledby="report-title" className="flex flex-col gap-4 p-3 md:p-4">
      {back}
      <header>
        <CategoryBadge category={report.category} />
        <h2 id="report-title" ref={heading} tabIndex={-1} className="mt-1 text-xl font-bold">
          Report about {reported.name}
        </h2>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Reporter</dt>
          <dd>{report.reporter.name ?? 'Deleted account'}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Filed</dt>
          <dd>{when(report.createdAt)}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Due</dt>
          <dd
            className={
              report.status === 'open' && due.overdue ? 'font-semibold text-red-700 dark:text-red-400' : ''
            }
          >
            {when(report.dueAt)}
            {report.status === 'open' && ` (${due.overdue ? 'overdue' : due.text.toLowerCase()})`}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Status</dt>
          <dd className="capitalize">{report.status}</dd>
        </dl>
      </header>

      <Part title="Reporter’s note">
        {report.note ? (
          <p className="text-sm break-words whitespace-pre-wrap">{report.note}</p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No note.</p>
        )}
      </Part>
      <Part title="Evidence">
        <Evidence report={report} />
      </Part>
      <Part title={`History of ${reported.name}`}>
        <History person={reported} history={history} reportId={report.id} now={props.now} />
      </Part>
      <Part title="Decision">
        {report.decision ? (
          <Outcome report={report} meId={props.meId} focus={justDecided} />
        ) : (
          <DecisionForm
            report={report}
            onDecided={(decided) => {
              // Shown at once; the refetch that follows brings the history up to date.
              qc.setQueryData<{ report: AdminReport; history: ReportHistory }>(
                adminKeys.report(report.id),
                (old) => old && { ...old, report: decided },
              );
              setJustDecided(true);
            }}
          />
        )}
      </Part>
    </article>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="border-t border-slate-200 pt-3 dark:border-slate-700">
      <h3 id={id} className="mb-1 font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The decision taken; just after deciding here, it takes focus (the form it replaces had it). */
function Outcome({ report, meId, focus }: { report: AdminReport; meId: string; focus: boolean }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) line.current?.focus();
  }, [focus]);
  const d = report.decision;
  if (!d) return null;
  const by = d.decidedById === meId ? 'you' : 'another moderator';
  return (
    <div>
      <p ref={line} tabIndex={-1} role="status" className="text-sm font-medium">
        {ACTION_DONE[d.action]}
        {d.until ? ` until ${when(d.until)}` : ''}, decided by {by} {when(d.decidedAt)}.
      </p>
      {d.reason && <p className="text-sm break-words whitespace-pre-wrap">Reason: {d.reason}</p>}
    </div>
  );
}
