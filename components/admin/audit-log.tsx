'use client';

import Link from 'next/link';
import { auditPhrase, when } from '@/lib/client/moderation';
import { useAuditLog } from './queries';
import { Empty, LoadError, Loading, LoadMore } from './states';
import type { AuditItem } from './types';

/** An entry's details (the action taken, until when, a word…) as short text. */
function detailsText(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .map(
      ([k, v]) =>
        `${k}: ${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v)}`,
    )
    .join(' · ');
}

/** Every moderator action, newest first: who did what to whom, when and why. Append-only, so read-only here. */
export function AuditLog() {
  const log = useAuditLog();
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-heading" className="mx-auto w-full max-w-4xl p-3 md:p-4">
      <h1 id="audit-heading" className="text-xl font-bold">
        Audit log
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every moderator action, newest first. Entries cannot be changed.
      </p>
      {log.isPending && <Loading>Loading the audit log…</Loading>}
      {log.isError && <LoadError error={log.error} what="the audit log" onRetry={() => void log.refetch()} />}
      {log.isSuccess && items.length === 0 && <Empty>Nothing has been done yet.</Empty>}
      {items.length > 0 && (
        <ol aria-label="Audit entries" className="mt-3 divide-y divide-slate-200 dark:divide-slate-700">
          {items.map((e) => (
            <AuditRow key={e.id} entry={e} />
          ))}
        </ol>
      )}
      <LoadMore
        has={log.hasNextPage}
        loading={log.isFetchingNextPage}
        onLoad={() => void log.fetchNextPage()}
      />
    </section>
  );
}

function AuditRow({ entry: e }: { entry: AuditItem }) {
  const details = detailsText(e.details);
  // An account that is gone has no name left: its id's start tells entries apart.
  const target = e.targetName ?? (e.targetUserId ? `user ${e.targetUserId.slice(0, 8)}` : null);
  return (
    <li className="py-2 text-sm">
      <p className="flex flex-col justify-between gap-x-3 sm:flex-row">
        <span>
          <strong>{e.actorName ?? `user ${e.actorId.slice(0, 8)}`}</strong> {auditPhrase(e.action)}
          {target && (
            <>
              {' '}
              <span className="text-slate-600 dark:text-slate-400">about</span> <strong>{target}</strong>
            </>
          )}
        </span>
        <time dateTime={e.createdAt} className="shrink-0 text-slate-600 dark:text-slate-400">
          {when(e.createdAt)}
        </time>
      </p>
      {e.reason && <p className="break-words whitespace-pre-wrap">Why: {e.reason}</p>}
      {details && <p className="text-xs break-words text-slate-600 dark:text-slate-400">{details}</p>}
      {e.reportId && (
        <Link
          href={`/admin?status=all&report=${e.reportId}`}
          className="text-xs font-medium text-blue-700 underline dark:text-blue-400"
        >
          Open the report
        </Link>
      )}
    </li>
  );
}
