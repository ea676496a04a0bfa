import { when } from '@/lib/client/moderation';
import type { AdminReport, EvidenceMessage } from './types';

/** Names of attachments as plain text: the evidence is read, never opened from here. */
function attachmentNames(attachments: unknown): string[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.map((a: unknown) => {
    if (a && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      const name = o.name ?? o.fileName ?? o.url;
      if (typeof name === 'string') return name;
    }
    return 'attachment';
  });
}

/**
 * The frozen copy of the chat as a read-only transcript. Everything people
 * wrote is rendered as text (React escapes it); nothing becomes a link.
 */
export function Evidence({ report }: { report: AdminReport }) {
  const { messages, frozenAt, sha256 } = report.evidence;
  return (
    <>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Frozen {when(frozenAt)}. SHA-256{' '}
        <code className="font-mono text-xs break-all text-slate-800 dark:text-slate-200">{sha256}</code>
      </p>
      {messages.length === 0 ? (
        <p className="mt-2 text-sm">No messages were attached to this report.</p>
      ) : (
        <ol
          aria-label="Evidence transcript"
          className="mt-2 flex flex-col gap-1 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
        >
          {messages.map((m) => (
            <EvidenceRow key={m.id} message={m} report={report} />
          ))}
        </ol>
      )}
    </>
  );
}

function EvidenceRow({ message: m, report }: { message: EvidenceMessage; report: AdminReport }) {
  const who =
    m.senderId === report.reportedUserId
      ? 'reported person'
      : m.senderId === report.reporterId
        ? 'reporter'
        : null;
  const files = attachmentNames(m.attachments);
  return (
    <li
      className={`rounded-md px-2 py-1.5 ${
        m.reported ? 'border-l-4 border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950' : ''
      }`}
    >
      <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-700 dark:text-slate-300">
        <span className="font-semibold text-slate-900 dark:text-slate-100">
          {m.senderName ?? 'Deleted account'}
        </span>
        {who && <span>({who})</span>}
        <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
        {m.reported && (
          <span className="rounded bg-amber-700 px-1 font-semibold text-white dark:bg-amber-300 dark:text-slate-950">
            Reported
          </span>
        )}
        {m.editedAt && <span>edited {when(m.editedAt)}</span>}
        {m.deletedAt && <span className="font-semibold">deleted {when(m.deletedAt)}</span>}
      </p>
      {m.content && <p className="text-sm break-words whitespace-pre-wrap">{m.content}</p>}
      {!m.content && m.deletedAt && <p className="text-sm italic">Deleted before the report.</p>}
      {files.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">Attachments: {files.join(', ')}</p>
      )}
    </li>
  );
}
