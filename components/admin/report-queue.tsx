'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { ACTION_DONE, CATEGORY_LABEL, dueState, isUrgent, when } from '@/lib/client/moderation';
import { useReportList } from './queries';
import { ReportDetail } from './report-detail';
import { Empty, LoadError, Loading, LoadMore, useNow } from './states';
import { FILTERS, StatusTabs } from './status-tabs';
import type { AdminReport, ReportFilter } from './types';

const EMPTY: Record<ReportFilter, string> = {
  open: 'No open reports — nice.',
  dismissed: 'No dismissed reports.',
  actioned: 'No actioned reports.',
  all: 'No reports yet.',
};

/**
 * The landing view: the queue beside the selected report on wide screens,
 * one or the other on phones. The filter and the selection live in the URL
 * (?status=…&report=…), so Back and a shared link work.
 */
export function ReportQueue({ meId }: { meId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const status = FILTERS.find((f) => f.value === params.get('status'))?.value ?? 'open';
  const selected = params.get('report');
  const list = useReportList(status);
  const now = useNow();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const lastSelected = useRef<string | null>(null);

  const go = (next: { status?: ReportFilter; report?: string | null }) => {
    const q = new URLSearchParams();
    const s = next.status ?? status;
    if (s !== 'open') q.set('status', s);
    const r = next.report === undefined ? selected : next.report;
    if (r) q.set('report', r);
    const query = q.toString();
    router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  // Back from the detail (phones) puts focus on the row it came from.
  useEffect(() => {
    if (selected) lastSelected.current = selected;
    else if (lastSelected.current) {
      document.getElementById(`report-row-${lastSelected.current}`)?.focus();
      lastSelected.current = null;
    }
  }, [selected]);

  return (
    <div className="flex min-h-0 flex-1">
      <section
        aria-labelledby="queue-heading"
        className={`w-full flex-col border-r border-slate-200 md:flex md:w-96 md:shrink-0 dark:border-slate-700 ${selected ? 'hidden' : 'flex'}`}
      >
        <h1 id="queue-heading" className="px-3 pt-3 pb-2 text-xl font-bold">
          Reports
        </h1>
        <StatusTabs value={status} panelId="queue-panel" onChange={(s) => go({ status: s, report: null })} />
        <div
          id="queue-panel"
          role="tabpanel"
          aria-labelledby={`tab-${status}`}
          className="mt-2 min-h-0 flex-1 overflow-y-auto"
        >
          <div className="px-3">
            {list.isPending && <Loading>Loading reports…</Loading>}
            {list.isError && (
              <LoadError error={list.error} what="the reports" onRetry={() => void list.refetch()} />
            )}
            {list.isSuccess && items.length === 0 && <Empty>{EMPTY[status]}</Empty>}
          </div>
          {items.length > 0 && (
            <ul aria-label={`${FILTERS.find((f) => f.value === status)?.label} reports`}>
              {items.map((r) => (
                <li key={r.id}>
                  <QueueRow
                    report={r}
                    now={now}
                    active={r.id === selected}
                    onOpen={() => go({ report: r.id })}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="px-3">
            <LoadMore
              has={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoad={() => void list.fetchNextPage()}
            />
          </div>
        </div>
      </section>
      <section
        aria-label="Selected report"
        className={`min-w-0 flex-1 flex-col overflow-y-auto ${selected ? 'flex' : 'hidden md:flex'}`}
      >
        {selected ? (
          <ReportDetail
            key={selected}
            id={selected}
            meId={meId}
            now={now}
            onBack={() => go({ report: null })}
          />
        ) : (
          <p className="m-auto p-6 text-center text-slate-600 dark:text-slate-400">
            Pick a report to see its evidence and decide it.
          </p>
        )}
      </section>
    </div>
  );
}

function QueueRow(props: { report: AdminReport; now: number; active: boolean; onOpen(): void }) {
  const r = props.report;
  const urgent = isUrgent(r.category);
  const due = dueState(r.dueAt, props.now);
  const total = r.evidence.messages.length;
  const reported = r.evidence.messages.filter((m) => m.reported).length;
  return (
    <button
      id={`report-row-${r.id}`}
      type="button"
      onClick={props.onOpen}
      aria-current={props.active ? 'true' : undefined}
      className={`block w-full border-b border-l-4 border-b-slate-200 px-3 py-2 text-left hover:bg-slate-100 dark:border-b-slate-800 dark:hover:bg-slate-800 ${
        urgent ? 'border-l-red-700 dark:border-l-red-400' : 'border-l-transparent'
      } ${props.active ? 'bg-slate-100 dark:bg-slate-800' : ''}`}
    >
      <span className="flex flex-wrap items-center justify-between gap-x-2">
        <CategoryBadge category={r.category} />
        {r.status === 'open' ? (
          <span
            className={`text-xs ${due.overdue ? 'font-semibold text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}`}
          >
            {due.overdue ? `Overdue, was due ${when(r.dueAt)}` : `${due.text} (${when(r.dueAt)})`}
          </span>
        ) : (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {r.decision ? ACTION_DONE[r.decision.action] : r.status}
          </span>
        )}
      </span>
      <span className="mt-1 block truncate font-medium">{r.reportedUser.name ?? 'Deleted account'}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-400">
        Reported by {r.reporter.name ?? 'a deleted account'} · filed {when(r.createdAt)} ·{' '}
        {total === 0 ? 'no messages' : `${reported} of ${total} messages reported`}
      </span>
    </button>
  );
}

export function CategoryBadge({ category }: { category: AdminReport['category'] }) {
  const urgent = isUrgent(category);
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${
        urgent
          ? 'bg-red-700 text-white dark:bg-red-400 dark:text-slate-950'
          : 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100'
      }`}
    >
      {urgent ? 'Urgent: ' : ''}
      {CATEGORY_LABEL[category]}
    </span>
  );
}
