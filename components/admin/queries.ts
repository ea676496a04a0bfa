'use client';

import { unwrap } from '@chat/sdk';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { chatClient } from '@/lib/client/chat-client';
import type { AdminReport, AuditItem, CursorPage, ReportFilter, ReportHistory } from './types';

/** Everything the console caches sits under 'admin', apart from the chat screen's keys. */
export const adminKeys = {
  reports: ['admin', 'reports'] as const,
  reportList: (status: ReportFilter) => ['admin', 'reports', status] as const,
  report: (id: string) => ['admin', 'report', id] as const,
  audit: ['admin', 'audit'] as const,
  moderators: ['admin', 'moderators'] as const,
  words: ['admin', 'words'] as const,
};

const PAGE = 25;

export function useReportList(status: ReportFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.reportList(status),
    queryFn: async ({ pageParam }): Promise<CursorPage<AdminReport>> =>
      unwrap(
        await chatClient().rest.GET('/api/v1/admin/reports', {
          params: { query: { limit: PAGE, status, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: adminKeys.report(id ?? ''),
    queryFn: async (): Promise<{ report: AdminReport; history: ReportHistory }> =>
      unwrap(
        await chatClient().rest.GET('/api/v1/admin/reports/{id}', { params: { path: { id: id ?? '' } } }),
      ),
    enabled: id !== null,
  });
}

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: adminKeys.audit,
    queryFn: async ({ pageParam }): Promise<CursorPage<AuditItem>> =>
      unwrap(
        await chatClient().rest.GET('/api/v1/admin/audit', {
          params: { query: { limit: PAGE, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
