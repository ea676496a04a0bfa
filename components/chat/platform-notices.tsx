'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatClient } from '@/lib/client/chat-client';
import type { NoticeDto } from '@/lib/users/notices';

export const NOTICES_KEY = ['notices'] as const;

const TITLES: Record<NoticeDto['kind'], string> = {
  'report.received': 'Report received',
  'report.decided': 'About your report',
  warning: 'A warning from the moderators',
  sanction: 'From the moderators',
  'account.restored': 'Account deletion cancelled',
};

/**
 * Messages from the platform to this person (a report's confirmation and
 * outcome, a moderator's warning), unread ones shown above the chats until
 * dismissed. New ones arrive live (the socket's `notice`).
 */
export function PlatformNotices() {
  const qc = useQueryClient();
  const notices = useQuery({
    queryKey: NOTICES_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me/notices')).notices,
  });
  const dismiss = useMutation({
    mutationFn: async () => unwrap(await chatClient().rest.POST('/api/v1/users/me/notices/read')),
    onSettled: () => qc.invalidateQueries({ queryKey: NOTICES_KEY }),
  });
  const unread = (notices.data ?? []).filter((n) => !n.readAt);
  if (unread.length === 0) return null;
  return (
    <section
      aria-label="Messages from the moderators"
      className="border-b border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100"
    >
      <ul className="flex flex-col gap-1" role="list">
        {unread.slice(0, 3).map((n) => (
          <li key={n.id}>
            <strong>{TITLES[n.kind] ?? 'Notice'}:</strong> {n.text}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => dismiss.mutate()}
        disabled={dismiss.isPending}
        className="mt-1 rounded px-1 text-sm underline"
      >
        Dismiss
      </button>
    </section>
  );
}
